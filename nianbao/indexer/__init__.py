"""nianbao's indexing pipeline.

Data flows one way, one small module per step::

    file ──readers──▶ Document (raw text + header fields such as 标题/日期/来源)
         ──clean────▶ clean text (character offsets into it are what highlighting uses)
         ──metadata─▶ title, agency, province/city/district, year, published, kind
         ──sections─▶ sections mapped to one canonical taxonomy
         = Report    (indexer.report.Report, a plain dataclass)
         ──analysis─▶ jieba words (counted) + character bigrams (sets)
         ──build────▶ Whoosh index, one document per section (build, segments, store)
         ──search───▶ SearchResponse (plain data) for the CLI and the web layer
                      (query parsing, matching, facets, snippets in numpy over Whoosh)

``indexer.extract.extract_paths`` runs the first four steps; ``nianbao.indexer.index.build``
and ``indexer.search`` the rest. Nothing in this package imports Flask.
"""
