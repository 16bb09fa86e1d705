"""Names, e-mail addresses and ZIP codes, and the spelling variants other systems use.

Identity matching in the warehouse is only tested if the same person is spelled
differently across sources: accents dropped, case changed, spaces around values. The
variants here are exactly the ones the contract says a matcher must see through (trimmed,
case- and accent-insensitive names; case-insensitive, trimmed e-mail), so a variant never
turns one person into two.
"""

from __future__ import annotations

import random
import unicodedata
from functools import lru_cache

# Pools by the group they are most common in; people of every group draw from a shared
# pool too, so names do not encode race/ethnicity deterministically.
FIRST_F = {
    "hispanic": ("María José", "Sofía", "Ana", "Guadalupe", "Verónica", "Daniela", "Inés",
                 "Jimena", "Lucía", "Itzel", "Marisol", "Yesenia", "Araceli"),
    "asian": ("Linh", "Thảo", "Mai", "Pa", "Mai Nou", "Priya", "Ji-woo", "Mei", "Hana", "Kiran"),
    "black": ("Aaliyah", "Imani", "Jada", "Keisha", "Nia", "Destiny", "Ebony", "Aisha"),
    "common": ("Emily", "Zoë", "Chloé", "Renée", "Sarah", "Jessica", "Ashley", "Kayla",
               "Madison", "Hannah", "Brianna", "Megan", "Olivia", "Noémie", "Amber", "Taylor"),
}  # fmt: skip
FIRST_M = {
    "hispanic": ("José", "Juan", "Luis", "Jesús", "Alejandro", "Andrés", "Raúl", "Martín",
                 "Ángel", "Jorge", "Efraín", "Joaquín", "Iván"),
    "asian": ("Minh", "Huy", "Kou", "Tou", "Wei", "Arjun", "Hiroshi", "Duc", "Vikram", "Jin"),
    "black": ("Jamal", "DeShawn", "Malik", "Tyrone", "Darnell", "André", "Terrence", "Jaylen"),
    "common": ("Michael", "Jacob", "Tyler", "Brandon", "Joshua", "Christopher", "Noël",
               "Matthew", "Ryan", "Austin", "Kyle", "Dylan", "Zoltán", "Jérôme", "Ethan"),
}  # fmt: skip
LAST = {
    "hispanic": ("García", "Hernández", "López", "Martínez", "Rodríguez", "Pérez", "Gómez",
                 "Sánchez", "Ramírez", "Flores", "Núñez", "Ibáñez", "Cruz", "Morales",
                 "De la Cruz", "Gutiérrez", "Chávez", "Ortíz"),
    "asian": ("Nguyễn", "Trần", "Lê", "Phạm", "Vang", "Xiong", "Lor", "Her", "Kim", "Lee",
              "Park", "Chen", "Wang", "Patel", "Singh", "Yamamoto"),
    "black": ("Washington", "Jackson", "Williams", "Harris", "Robinson", "Jefferson", "Banks",
              "Okafor", "Mensah"),
    "common": ("Smith", "Johnson", "Miller", "Müller", "O'Brien", "Anderson", "Wilson", "Taylor",
               "Brown", "Davis", "Schröder", "Olsen", "Thompson", "Moore", "Clark", "Hall",
               "Young", "Van der Berg", "Smith-Jones", "Lefèvre", "Brontë", "Kowalczyk"),
}  # fmt: skip
NAME_GROUPS = tuple(LAST)

#: ZIP codes of one region (Fresno County, California) so ZIP is a plausible quasi-identifier.
ZIP_CODES = (
    "93701", "93702", "93703", "93704", "93705", "93706", "93710", "93711", "93720", "93722",
    "93725", "93726", "93727", "93728", "93730", "93611", "93612", "93619", "93625", "93630",
    "93631", "93646", "93648", "93654", "93657", "93662", "93609", "93616", "93656", "93622",
)  # fmt: skip

_DOMAINS = ("example.com", "example.net", "example.org")


@lru_cache(maxsize=4096)
def ascii_fold(text: str) -> str:
    """Accents removed the way the warehouse's name normaliser removes them."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=4096)
def _mailbox_part(text: str) -> str:
    return "".join(ch for ch in ascii_fold(text).lower() if ch.isalnum())


def draw_name(rng: random.Random, group: str, sex: str) -> tuple[str, str]:
    """(first, last): mostly from the group's pool, a third from the shared one."""
    pools = FIRST_F if sex == "F" or (sex not in ("F", "M") and rng.random() < 0.5) else FIRST_M
    first_group = group if rng.random() < 0.65 else "common"
    last_group = group if rng.random() < 0.75 else "common"
    return rng.choice(pools[first_group]), rng.choice(LAST[last_group])


def email_for(first: str, last: str, number: int, style: int) -> str:
    """A unique address: `number` is unique per student and style, `style` picks a domain."""
    f, l_ = _mailbox_part(first), _mailbox_part(last)
    if style == 0:
        local = f"{f}.{l_}.{number}"
    elif style == 1:
        local = f"{f[:1]}{l_}{number}"
    else:
        local = f"{f}_{l_}{number}"
    return f"{local}@{_DOMAINS[style]}"


def email_variant(rng: random.Random, email: str) -> str:
    """The same mailbox as another system types it: other case and/or surrounding spaces."""
    r = rng.random()
    if r < 0.35:
        local, _, domain = email.partition("@")
        out = f"{local.title()}@{domain.title()}"
    elif r < 0.6:
        out = email.upper()
    elif r < 0.8:
        out = f" {email} "
    else:
        out = f"{email.capitalize()} "
    return out


def name_variant(rng: random.Random, name: str) -> str:
    """The same name without accents, in other case or with stray spaces."""
    r = rng.random()
    if r < 0.35:
        return ascii_fold(name)
    if r < 0.6:
        return ascii_fold(name).upper()
    if r < 0.8:
        return name.upper()
    return f" {name.lower()} "
