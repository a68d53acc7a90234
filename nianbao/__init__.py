"""年报检索 nianbao: search Chinese government information-disclosure annual reports.

``nianbao.indexer`` is the pipeline (file → reader → Report → analysis → index → search
service) and never imports Flask; ``nianbao.web`` is the Flask app and ``nianbao.cli`` the
``nianbao`` command, both thin edges that call the search service and get plain data back.
"""
