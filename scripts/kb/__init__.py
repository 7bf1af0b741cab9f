"""The knowledge base pipeline: load -> validate -> link -> render -> write.

Each stage is a module with one public function; `kb.build.build` composes them.
Nothing here imports MkDocs: the MkDocs hook and the `kb` command are thin callers.
"""
