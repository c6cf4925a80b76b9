"""Turn awareness content written in YAML into printable PDF booklets and handouts.

The pipeline, one module a stage:

    load     content/*.yaml          -> Content        (booklet.load)
    compose  Content + audience      -> Edition        (booklet.compose)
    render   Edition + templates     -> HTML           (booklet.render)
    typeset  HTML + styles           -> laid-out pages (booklet.typeset)
    check    laid-out pages          -> problems       (booklet.check)
    write    laid-out pages          -> PDF, manifest  (booklet.write)

`booklet.build.build()` runs them in that order.
"""
