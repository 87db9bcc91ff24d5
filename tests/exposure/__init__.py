"""Tests of the exposure analysis (dualuse.exposure)."""
