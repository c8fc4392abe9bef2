// E-form enhancements. Every question works without this script.
