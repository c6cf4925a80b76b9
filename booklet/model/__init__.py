"""The content, as plain frozen dataclasses passed between the stages.

Each record remembers where it came from (`Location`), so a later stage can point the user
at the file and line to fix. `booklet.model.content` holds the publication, audiences and
questions; the other modules what comes beside them: the termbase, country editions,
training sessions and translations.
"""

from booklet.model.content import (Location, Source, Publication, Contact, Message, Checklist,
                                   Audience, Wording, Question, Content)
from booklet.model.terms import AvoidedTerm, Term, LineBreaks
from booklet.model.editions import Partner, EditionContact, CountryEdition
from booklet.model.sessions import Participants, Session
from booklet.model.translations import Translation, EnglishSource

__all__ = ["Location", "Source", "Publication", "Contact", "Message", "Checklist", "Audience",
           "Wording", "Question", "Content", "AvoidedTerm", "Term", "LineBreaks", "Partner",
           "EditionContact", "CountryEdition", "Participants", "Session", "Translation",
           "EnglishSource"]
