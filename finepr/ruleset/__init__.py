"""Rule packs: YAML data, validated, compiled to spaCy matchers."""
