"""Writing the index: the Whoosh schema, the parallel incremental build, segment writing,
and the on-disk generations (``store``) that the search service reads.

``build.build_index(paths, index_dir)`` is the entry point; nothing here serves queries.
"""
