"""``python -m helpers.synth --write-sample`` / ``--check``: see helpers/synth/sample.py."""
import sys

from helpers.synth.sample import main

sys.exit(main())
