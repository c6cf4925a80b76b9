"""Telephone numbers, checked by libphonenumber (the phonenumbers package) for the country
of their edition, full numbers and short codes of its short-number metadata, and written
as they are dialled there."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import shortnumberinfo

#: A short code printed on the strength of its source: 3 to 6 digits, not starting with 0.
SHORT_CODE = re.compile(r"[1-9][0-9]{2,5}")


class PhoneError(ValueError):
    """A telephone number that is not one of its country."""


def dialled(phone: str, country: str, unlisted_short_code: bool = False) -> tuple[str, str]:
    """Return a number as it is dialled in its country and as a tel: link; raise
    `PhoneError` unless libphonenumber knows it for the country (a full number, or a short
    code of its short-number metadata) or it is a short code said to be unlisted."""
    library = f"libphonenumber ({phonenumbers.__version__})"
    try:
        number = phonenumbers.parse(phone, country)
    except phonenumbers.NumberParseException as error:
        raise PhoneError(f"expected a telephone number of {country}, found '{phone}', which "
                         f"{library} cannot read ({error._msg})") from None
    if phonenumbers.is_valid_number_for_region(number, country):
        return (phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL),
                "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    listed = shortnumberinfo.is_valid_short_number_for_region(number, country)
    digits = phonenumbers.national_significant_number(number)
    if listed and unlisted_short_code:
        raise PhoneError(f"expected unlisted_short_code only for a short code that {library} "
                         f"does not list, found '{phone}', which it lists for {country}; "
                         "remove unlisted_short_code")
    if listed or (unlisted_short_code and SHORT_CODE.fullmatch(phone.strip())):
        return digits, f"tel:{digits}"
    if unlisted_short_code:
        raise PhoneError(f"expected a short code of 3 to 6 digits, not starting with 0, "
                         f"found '{phone}'")
    raise PhoneError(f"expected a telephone number of {country} that {library} knows (a full "
                     f"number, or a short code it lists), found '{phone}'; check it at its "
                     "source: a published short code it does not list may be printed with "
                     "unlisted_short_code: true")
