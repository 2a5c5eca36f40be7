"""Python modules generated from ../../../ui/*.ui by scripts/compile_forms.py."""
