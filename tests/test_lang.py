"""The header's language guess: English prose yes, other languages and scraps no."""
from reporter.text.lang import guess_language

ENGLISH = ("The council voted on Tuesday to close the library for six weeks while the roof is repaired. "
           "Residents who rely on it for internet access said they had not been consulted, and the mayor "
           "promised a temporary reading room in the town hall.")
GERMAN = ("Der Stadtrat hat am Dienstag beschlossen, die Bibliothek für sechs Wochen zu schließen, während "
          "das Dach repariert wird. Anwohner, die dort ins Internet gehen, sagten, man habe sie nicht gefragt, "
          "und der Bürgermeister versprach einen Lesesaal im Rathaus.")
SPANISH = ("El ayuntamiento votó el martes cerrar la biblioteca durante seis semanas mientras se repara el "
           "tejado. Los vecinos que dependen de ella para conectarse a internet dijeron que no fueron "
           "consultados, y el alcalde prometió una sala de lectura provisional en el ayuntamiento.")


def test_english_prose_is_guessed_with_its_reason():
    lang, why = guess_language(ENGLISH)
    assert lang == "en" and "common English words" in why


def test_other_languages_are_not_taken_for_english():
    for text in (GERMAN, SPANISH):
        lang, why = guess_language(text)
        assert lang is None and "not English" in why


def test_a_scrap_is_too_short_to_tell():
    assert guess_language("Breaking: markets fall") == (None, "not detected: only 3 words")
