"""The fixed vocabularies that content may use, and their labels.

The identifiers are part of the domain (filters, URLs, the planner's rules depend on
them); the words a member reads for them live in ``content/vocabulary.yaml``.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, model_validator

from rugcoach.core.kernel.text import Text


class Category(StrEnum):
    MOBILITY = "mobility"
    ACTIVATION = "activation"
    STABILITY = "stability"
    STRENGTH = "strength"
    RELAXATION = "relaxation"
    BREATHING = "breathing"
    RECOVERY = "recovery"


class Muscle(StrEnum):
    ERECTOR_SPINAE = "erector-spinae"
    MULTIFIDUS = "multifidus"
    QUADRATUS_LUMBORUM = "quadratus-lumborum"
    TRANSVERSUS_ABDOMINIS = "transversus-abdominis"
    GLUTEUS_MAXIMUS = "gluteus-maximus"
    GLUTEUS_MEDIUS = "gluteus-medius"
    HAMSTRINGS = "hamstrings"
    HIP_FLEXORS = "hip-flexors"
    OBLIQUES = "obliques"
    RECTUS_ABDOMINIS = "rectus-abdominis"
    DIAPHRAGM = "diaphragm"
    PELVIC_FLOOR = "pelvic-floor"
    QUADRICEPS = "quadriceps"


class Position(StrEnum):
    SUPINE = "supine"
    PRONE = "prone"
    SIDE_LYING = "side-lying"
    QUADRUPED = "quadruped"
    KNEELING = "kneeling"
    SITTING = "sitting"
    STANDING = "standing"


class Equipment(StrEnum):
    NONE = "none"
    MAT = "mat"
    RESISTANCE_BAND = "resistance-band"
    FITNESS_BALL = "fitness-ball"
    FOAM_ROLLER = "foam-roller"
    MASSAGE_BALL = "massage-ball"
    WALL = "wall"
    BED = "bed"
    BENCH = "bench"
    CABLE_MACHINE = "cable-machine"
    MACHINE = "machine"
    DUMBBELLS = "dumbbells"
    TRAP_BAR = "trap-bar"
    BARBELL = "barbell"
    PILLOW = "pillow"
    CHAIR = "chair"


class Situation(StrEnum):
    HOME = "home"
    FITNESS_BALL = "fitness-ball"
    HERNIA_LUMBAGO = "hernia-lumbago"
    GYM = "gym"
    PREGNANCY = "pregnancy"


class Condition(StrEnum):
    """Conditions under which an exercise may be unsuitable (contraindications)."""

    ACUTE_PAIN = "acute-pain"
    RADICULAR_PAIN = "radicular-pain"
    HERNIA = "hernia"
    PREGNANCY = "pregnancy"
    PREGNANCY_AFTER_FIRST_TRIMESTER = "pregnancy-after-first-trimester"
    PREGNANCY_PRONE = "pregnancy-prone"
    OSTEOPOROSIS = "osteoporosis"


VOCABULARIES: dict[str, type[StrEnum]] = {
    "categories": Category,
    "muscles": Muscle,
    "positions": Position,
    "equipment": Equipment,
    "situations": Situation,
    "conditions": Condition,
}


class Vocabulary(BaseModel):
    """Labels for every identifier of every fixed vocabulary, in both languages."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    categories: dict[Category, Text]
    muscles: dict[Muscle, Text]
    positions: dict[Position, Text]
    equipment: dict[Equipment, Text]
    situations: dict[Situation, Text]
    conditions: dict[Condition, Text]

    @model_validator(mode="after")
    def _every_identifier_labelled(self) -> Vocabulary:
        for field, enum in VOCABULARIES.items():
            missing = [member.value for member in enum if member not in getattr(self, field)]
            if missing:
                raise ValueError(f"{field}: no label for {', '.join(missing)}")
        return self

    def label(self, field: str, identifier: str, language: str) -> str:
        labels: dict[str, Text] = getattr(self, field)
        return labels[identifier].get(language)
