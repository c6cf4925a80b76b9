"""Turn awareness content written in YAML into printable PDF booklets and handouts.

The pipeline, one module a stage:

    load      content/*.yaml             -> Content           (booklet.load, booklet.schema)
    plan      Content + what is asked    -> Plan              (booklet.plan)
    compose   Content + audience         -> Edition           (booklet.compose)
    render    Edition + templates        -> HTML              (booklet.render)
    typeset   HTML + styles              -> laid-out pages    (booklet.typeset)
    check     laid-out pages and PDF     -> Preflight         (booklet.check)
    impose    screen PDF                 -> imposed PDF       (booklet.impose)
    write     PDF                        -> files, manifest   (booklet.write)
    catalogue manifest                   -> index.html        (booklet.catalogue)

`booklet.build.build()` runs them: it loads and plans, then `booklet.produce` makes each
edition's variants in worker processes (`booklet.workers`) and the build writes them.
`booklet.formats` declares the formats, variants and papers every stage asks about;
`booklet.assets` is the one way to the pictures; `booklet.weasy` the one module that reads
WeasyPrint's internals. Around the build: `booklet.checking` (check, list),
`booklet.preview` (serve), `booklet.pack` (session packs), `booklet.contact_sheet` (proof),
`booklet.terms` (the termbase), `booklet.translate` (translations).
"""
