"""The word lists of each language (scribekit/segmentation/data/<code>.json): their shape as the segmenter
reads them, and a paragraph of ordinary speech in each language recognised by its function words."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from scribekit.segmentation.language import (
    WordLists,
    available_languages,
    bare,
    guess_language,
    word_lists,
    word_profiles,
)

LANGUAGES = ["cs", "da", "de", "en", "es", "fr", "it", "nb", "nl", "pl", "pt", "sv"]
CATEGORIES = list(WordLists.__dataclass_fields__)
COHESION = ["genitive", "particles", "phrases", "negation_open", "negation_close"]

PARAGRAPHS = {
    "en": "So when we started this project, we honestly had no idea how long it would take. We thought it would be "
          "a few weeks, maybe a month at most. But then the first results came back and they were all wrong, and "
          "we had to go back to the drawing board. I remember sitting in the kitchen with my coffee at two in the "
          "morning, wondering if we should just give up. In the end, of course, we didn't, and I'm really glad "
          "about that.",
    "fr": "Alors quand on a commencé ce projet, honnêtement, on ne savait pas du tout combien de temps ça allait "
          "prendre. On pensait que ce serait quelques semaines, peut-être un mois au maximum. Mais ensuite les "
          "premiers résultats sont arrivés et ils étaient tous faux, donc il a fallu tout recommencer. Je me "
          "souviens d'être assis dans la cuisine avec mon café à deux heures du matin, en me demandant si on ne "
          "devrait pas simplement abandonner. Finalement, bien sûr, on a continué, et j'en suis vraiment content.",
    "de": "Also als wir mit diesem Projekt angefangen haben, hatten wir ehrlich gesagt keine Ahnung, wie lange es "
          "dauern würde. Wir dachten, es wären ein paar Wochen, vielleicht höchstens ein Monat. Aber dann kamen die "
          "ersten Ergebnisse zurück, und sie waren alle falsch, also mussten wir noch einmal von vorne anfangen. "
          "Ich erinnere mich, wie ich um zwei Uhr morgens mit meinem Kaffee in der Küche saß und mich fragte, ob wir "
          "nicht einfach aufhören sollten. Am Ende haben wir natürlich weitergemacht, und darüber bin ich sehr froh.",
    "nl": "Dus toen we met dit project begonnen, hadden we eerlijk gezegd geen idee hoe lang het zou duren. We "
          "dachten dat het een paar weken zou zijn, misschien hooguit een maand. Maar toen kwamen de eerste "
          "resultaten terug en ze waren allemaal fout, dus moesten we helemaal opnieuw beginnen. Ik weet nog dat "
          "ik om twee uur 's nachts met mijn koffie in de keuken zat en me afvroeg of we er niet gewoon mee moesten "
          "stoppen. Uiteindelijk zijn we natuurlijk doorgegaan, en daar ben ik heel blij om.",
    "es": "Entonces, cuando empezamos este proyecto, la verdad es que no teníamos ni idea de cuánto tiempo nos iba a "
          "llevar. Pensábamos que serían unas semanas, tal vez un mes como mucho. Pero luego llegaron los primeros "
          "resultados y estaban todos mal, así que tuvimos que volver a empezar desde cero. Me acuerdo de estar "
          "sentado en la cocina con mi café a las dos de la mañana, preguntándome si no deberíamos dejarlo sin más. "
          "Al final, por supuesto, seguimos adelante, y me alegro mucho de que fuera así.",
    "it": "Allora, quando abbiamo cominciato questo progetto, sinceramente non avevamo idea di quanto tempo ci "
          "sarebbe voluto. Pensavamo che sarebbero bastate un paio di settimane, forse un mese al massimo. Ma poi "
          "sono arrivati i primi risultati ed erano tutti sbagliati, quindi abbiamo dovuto ricominciare da capo. Mi "
          "ricordo che ero seduto in cucina con il mio caffè alle due di notte e mi chiedevo se non fosse meglio "
          "lasciar perdere. Alla fine, ovviamente, siamo andati avanti, e ne sono davvero contento.",
    "pt": "Então, quando nós começamos este projeto, sinceramente não tínhamos ideia de quanto tempo ia demorar. "
          "Achávamos que seriam umas semanas, talvez um mês no máximo. Mas depois chegaram os primeiros resultados e "
          "estavam todos errados, então tivemos que começar tudo de novo. Eu me lembro de estar sentado na cozinha "
          "com o meu café às duas da manhã, pensando se não era melhor desistir de vez. No fim, é claro, nós "
          "continuamos, e eu fico muito feliz com isso.",
    "sv": "Alltså, när vi började med det här projektet hade vi ärligt talat ingen aning om hur lång tid det skulle "
          "ta. Vi trodde att det skulle bli några veckor, kanske en månad som mest. Men sedan kom de första "
          "resultaten tillbaka och de var alla fel, så vi fick börja om från början. Jag minns att jag satt i köket "
          "med mitt kaffe klockan två på natten och undrade om vi inte borde ge upp. Till slut fortsatte vi förstås, "
          "och det är jag verkligen glad över.",
    "da": "Altså, da vi begyndte på det her projekt, havde vi ærligt talt ingen anelse om, hvor lang tid det ville "
          "tage. Vi troede, det ville blive et par uger, måske en måned højst. Men så kom de første resultater "
          "tilbage, og de var alle sammen forkerte, så vi måtte starte forfra. Jeg kan huske, at jeg sad i køkkenet "
          "med min kaffe klokken to om natten og spurgte mig selv, om vi ikke bare skulle give op. Efter en "
          "uge blev det bedre. Til sidst fortsatte vi selvfølgelig, og nu er jeg virkelig glad for det.",
    "nb": "Altså, da vi begynte på dette prosjektet, hadde vi ærlig talt ingen anelse om hvor lang tid det ville ta. "
          "Vi trodde det ville bli noen uker, kanskje en måned på det meste. Men så kom de første resultatene "
          "tilbake, og de var alle sammen feil, så vi måtte begynne på nytt. Jeg husker at jeg satt på kjøkkenet "
          "med kaffen min klokka to om natten og lurte på om vi ikke bare burde gi opp. Etter en uke ble det "
          "bedre. Til slutt fortsatte vi selvfølgelig, og nå er jeg veldig glad for det.",
    "pl": "Więc kiedy zaczynaliśmy ten projekt, szczerze mówiąc nie mieliśmy pojęcia, ile to potrwa. Myśleliśmy, że "
          "to będzie kilka tygodni, może najwyżej miesiąc. Ale potem przyszły pierwsze wyniki i wszystkie były "
          "złe, więc musieliśmy zacząć od nowa. Pamiętam, jak siedziałem w kuchni z kawą o drugiej w nocy i "
          "zastanawiałem się, czy nie powinniśmy po prostu się poddać. W końcu oczywiście nie zrezygnowaliśmy i "
          "naprawdę się z tego cieszę.",
    "cs": "Takže když jsme začínali s tímhle projektem, upřímně jsme neměli tušení, jak dlouho to bude trvat. "
          "Mysleli jsme si, že to budou dva nebo tři týdny, možná nanejvýš měsíc. Ale pak přišly první výsledky a "
          "všechny byly špatně, takže jsme museli začít úplně znovu. Pamatuji si, jak jsem seděl v kuchyni s kávou "
          "ve dvě ráno a přemýšlel jsem, jestli bychom to neměli prostě vzdát. Nakonec jsme samozřejmě pokračovali "
          "a jsem za to opravdu rád.",
}


def _raw(code: str) -> dict[str, object]:
    source = resources.files("scribekit.segmentation") / "data" / f"{code}.json"
    raw = json.loads(source.read_text(encoding="utf-8"))
    assert isinstance(raw, dict)
    return raw


def test_every_language_with_a_file_is_available() -> None:
    assert available_languages() == LANGUAGES


@pytest.mark.parametrize("code", LANGUAGES + ["generic"])
def test_each_file_loads_into_sets_of_clean_lowercase_words(code: str) -> None:
    raw = _raw(code)
    assert set(raw) - {"language"} <= set(CATEGORIES), "a misspelt category would be ignored"
    assert isinstance(raw["language"], str) and raw["language"]
    for name in CATEGORIES:
        entries = raw.get(name, [])
        assert isinstance(entries, list) and len(set(entries)) == len(entries), name
    lists = word_lists(code)
    for name in CATEGORIES:
        words = getattr(lists, name)
        assert isinstance(words, frozenset)
        for word in words:
            assert isinstance(word, str) and word and word == word.strip() and word == word.lower(), (name, word)


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_word_is_spelt_as_a_transcript_word_is_looked_up(code: str) -> None:
    """Words are looked up by bare() (lowercased, the punctuation around them stripped): an entry that
    bare() would change can never match. Abbreviations keep their dot (they are matched with it) and
    elided forms their apostrophe ("l'", "dell'", "'t")."""
    lists = word_lists(code)
    for name in CATEGORIES:
        if name == "abbreviations":
            continue
        for entry in getattr(lists, name):
            for word in entry.split(" "):
                assert bare(word) == word or "'" in (word[0], word[-1]), (name, entry)


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_has_the_cohesion_categories(code: str) -> None:
    raw = _raw(code)
    assert set(COHESION) <= set(raw)
    lists = word_lists(code)
    assert len(lists.phrases) >= 30
    for phrase in lists.phrases:
        words = phrase.split(" ")
        assert 2 <= len(words) <= 4 and all(words), phrase
    assert bool(lists.negation_open) == bool(lists.negation_close)
    assert lists.genitive <= lists.prepositions | lists.articles, "a genitive word is a function word too"


def test_the_french_negation_frame_and_the_germanic_particles() -> None:
    french = word_lists("fr")
    assert {"ne", "n'est"} <= french.negation_open and {"pas", "jamais", "rien"} <= french.negation_close
    assert {"parce que", "il y a", "jusqu'à ce que", "est-ce que"} <= french.phrases
    assert {"up", "out", "off"} <= word_lists("en").particles and "of" in word_lists("en").genitive
    assert {"an", "zurück", "los"} <= word_lists("de").particles
    assert {"upp", "tillbaka"} <= word_lists("sv").particles and "opp" in word_lists("nb").particles
    for code in ("es", "it", "pt", "pl", "cs"):
        assert not word_lists(code).particles and not word_lists(code).negation_open


@pytest.mark.parametrize("code, letters", [("pl", "wzoui"), ("cs", "vzskoua")])
def test_a_one_letter_preposition_or_conjunction_is_a_word_a_row_should_not_end_on(code: str, letters: str) -> None:
    """Polish and Czech typography keep "w", "z", "v", "k", "s", "a", "i" ... with the word after them."""
    profiles = word_profiles(list(letters), word_lists(code))
    assert all(profile.category for profile in profiles)


@pytest.mark.parametrize("code", ["pt-BR", "pt_PT", "nb_NO", "it-IT", "PL", "cs-CZ", "sv-SE", "da-DK"])
def test_a_code_with_a_region_finds_its_language(code: str) -> None:
    lists = word_lists(code)
    assert lists == word_lists(code[:2].lower()) and lists != word_lists(None)


def test_the_norwegian_macro_language_code_finds_bokmal() -> None:
    assert word_lists("no") == word_lists("nb")


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_paragraph_of_speech_is_recognised(code: str) -> None:
    assert guess_language(PARAGRAPHS[code].split()) == code


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_paragraph_is_never_taken_for_another_language(code: str) -> None:
    assert guess_language(PARAGRAPHS[code].split()) in (code, None)
    assert guess_language(PARAGRAPHS[code].split()[:19]) is None, "too few words to say"
