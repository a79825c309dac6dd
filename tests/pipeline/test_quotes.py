"""Attribution shapes, speakers and quotation-mark traps, on sentences written for the test."""

import pytest

from eventwire.pipeline.quotes import quote_spans


def _quotes(record):
    names = {e.id: e.name for e in record.entities}
    for q in record.quotes:  # exactness on every fixture
        assert record.text[q.start:q.end] == q.text
        if q.speaker_span:
            assert record.text[q.speaker_span[0]:q.speaker_span[1]] == q.speaker_text
        if q.cue_span:
            assert record.text[q.cue_span[0]:q.cue_span[1]] == q.cue
    return [(q.kind, names.get(q.speaker), q.cue, q.text) for q in record.quotes]


@pytest.mark.parametrize("text,expected", [
    ('He said: "It doesn\'t work." Russia\'s army said "no."', ['"It doesn\'t work."', '"no."']),
    ("“Our struggle continues,” the fighters said. “Soon we will go,” they added.",
     ["“Our struggle continues,”", "“Soon we will go,”"]),
    ("The ’90s were different, and the group's 'hard' line didn't help.", ["'hard'"]),
    ('An odd "number of marks never raises', ['"number of marks never raises']),
    ('"First paragraph of a long quote.\n"Second paragraph," she said.',
     ['"First paragraph of a long quote.\n"Second paragraph,"']),
    ("Intro.\n”Mr. Trump embodies the legacy.” ― Sonya Herridge", ["”Mr. Trump embodies the legacy.”"]),
    # two single marks for a double one, as some newspapers' text has them: both marks belong to the quotation
    ("''We will win,'' he said. ``It is over.''", ["''We will win,''", "``It is over.''"]),
])
def test_quotes_pairing(text, expected):
    assert [text[s:e] for s, e in quote_spans(text)] == expected


def test_quotes_direct_and_pronoun_speaker(extract_text):
    quotes = _quotes(extract_text(
        '"The peaceful population always suffers," said Alexei Baranovsky, a drone operator in the Freedom of '
        'Russia Legion. The unit fought near Kursk. "We are not ready to hold towns," he said.'))
    assert quotes[0] == ("direct", "Alexei Baranovsky", "said", '"The peaceful population always suffers,"')
    assert quotes[1][:3] == ("direct", "Alexei Baranovsky", "said")


def test_quotes_an_office_speaks_for_the_one_the_story_named_with_it(extract_text):
    """"The president said" after "President X" is X; "the foreign minister" is not the president; a prime
    minister the story never named stays the nation its adjective names, as "Russian officials" do."""
    quotes = _quotes(extract_text(
        "Somali President Mohamed Abdullahi Mohamed arrived in Nairobi on Monday with Foreign Minister Abdisaid "
        'Muse Ali. "We will defeat al-Shabab," the president said. The foreign minister said the talks were '
        "useful. The Kenyan prime minister said the visit was short."))
    assert [q[1] for q in quotes] == ["Mohamed Abdullahi Mohamed", "Abdisaid Muse Ali", "Kenyan"]


@pytest.mark.parametrize("text,kind,speaker,cue,content_start", [
    ("Defence Minister Rustem Umerov said that the army had repelled the attack near Kharkiv.",
     "indirect", "Rustem Umerov", "said", "that the army"),
    ("The army repelled the attack near Kharkiv, according to Defence Minister Rustem Umerov.",
     "indirect", "Rustem Umerov", "according to", "The army repelled"),
    ("Defence Minister Rustem Umerov told reporters the army had repelled the attack near Kharkiv.",
     "indirect", "Rustem Umerov", "told", "the army had"),
    ("Rustem Umerov admitted the troops were \"not strong enough\" to hold the town.",
     "partial", "Rustem Umerov", "admitted", "the troops were"),
    ("Vladimir Putin has called for a ceasefire in the region.", "indirect", "Vladimir Putin", "has called for",
     "a ceasefire"),
    # The parser may hang the content on the name as an apposition; a relative clause on the source is not said.
    ("According to conservative talk radio host Rush Limbaugh, the move reeks of fear and desperation.",
     "indirect", "Rush Limbaugh", "According to", "the move reeks"),
    ("According to Defence Minister Rustem Umerov, who spoke in Kyiv, the army repelled the attack.",
     "indirect", "Rustem Umerov", "According to", "the army repelled"),
    # "as X put it", "as X said": what is attributed is the clause the "as" phrase hangs on.
    ("The offensive has stalled, as Defence Minister Rustem Umerov put it on Monday.",
     "indirect", "Rustem Umerov", "put it", "The offensive has stalled"),
    ("As Defence Minister Rustem Umerov said, the offensive has stalled.",
     "indirect", "Rustem Umerov", "said", "the offensive has stalled"),
])
def test_quotes_shapes(extract_text, text, kind, speaker, cue, content_start):
    rec = extract_text(text)
    (got,) = _quotes(rec)
    assert got[:3] == (kind, speaker, cue)
    assert got[3].startswith(content_start)


def test_quotes_medium_and_addressee(extract_text):
    rec = extract_text('"Our struggle continues," the Russian Volunteer Corps said in a statement on Friday. '
                       'Defence Minister Rustem Umerov told reporters the attack had failed.')
    statement = next(q for q in rec.quotes if q.cue == "said")
    assert statement.medium == "in a statement"
    told = next(q for q in rec.quotes if q.cue == "told")
    assert told.addressee == "reporters"


def test_quotes_declined_to_say(extract_text):
    rec = extract_text("The Russian Volunteer Corps said its fighters crossed the border. The fighters declined to "
                       "say how many of their own troops had been killed.")
    declined = next(q for q in rec.quotes if q.cue == "declined to say")  # the refusal is part of the cue
    assert declined.speaker_text == "The fighters"
    assert {e.id: e.name for e in rec.entities}[declined.speaker] == "Russian Volunteer Corps"


def test_quotes_description_speakers(extract_text):
    rec = extract_text('The Russian Volunteer Corps (RDK) has teamed up with other units. "Peaceful protest doesn\'t '
                       'work," said a masked fighter from the Siberian Battalion with the call sign Kholod. '
                       '"Our struggle continues," the fighters said. Residents of the town said the shelling '
                       'went on all night.')
    names = {e.id: e.name for e in rec.entities}
    by_text = {q.text: q for q in rec.quotes}
    assert names[by_text['"Peaceful protest doesn\'t work,"'].speaker] == "Kholod"
    fighters = by_text['"Our struggle continues,"']
    assert names[fighters.speaker] == "Russian Volunteer Corps" and fighters.confidence < 0.9
    residents = next(q for q in rec.quotes if q.speaker_text == "Residents of the town")
    group = next(e for e in rec.entities if e.id == residents.speaker)  # an unnamed actor: a GROUP entity
    assert (group.name, group.type, group.sector) == ("Residents", "GROUP", "CVL")


def test_quotes_multi_sentence_quote_is_one_content(extract_text):
    rec = extract_text('"We crossed at dawn. Nobody stopped us," Denis Nikitin said on Thursday.')
    (q,) = rec.quotes
    assert q.text == '"We crossed at dawn. Nobody stopped us,"' and q.kind == "direct"


def test_quotes_headline_colon(extract_text):
    rec = extract_text("Sanders: Clinton needs to get away from all of this personality stuff\n"
                       "Senator Bernie Sanders spoke in Ohio on Monday.")
    colon = next(q for q in rec.quotes if q.cue == ":")
    assert colon.speaker_text == "Sanders" and colon.text.startswith("Clinton needs")


def test_quotes_dash_byline(extract_text):
    rec = extract_text("Readers answered the question.\n\n"
                       "\u201cHe scares me. I fear for our children.\u201d \u2015 Krystal Correa\n"
                       "\u201cHe cannot answer a question.\u201d\u00a0\u2014\u00a0Edwin G. Monroy.\n\n"
                       "The vote is next week \u2014 in November.")
    by_cue = [q for q in rec.quotes if q.cue in ("\u2015", "\u2014")]
    assert [(q.speaker_text, q.kind) for q in by_cue] == [("Krystal Correa", "direct"), ("Edwin G. Monroy", "direct")]
    assert by_cue[0].text == "\u201cHe scares me. I fear for our children.\u201d"
    assert by_cue[1].speaker is not None  # a named person, resolved to its entity


def test_quotes_verb_that_cues_only_before_a_quotation(extract_text):
    rec = extract_text("Rush Limbaugh spoke on his show. Limbaugh continued: \u201cThe left is demanding this.\u201d "
                       "The talks continued for hours.")
    (q,) = [q for q in rec.quotes if q.cue == "continued:"]
    assert q.speaker_text == "Limbaugh" and q.text == "\u201cThe left is demanding this.\u201d"


@pytest.mark.parametrize("text", [
    'The host spoke for an hour on the radio about the debate. Limbaugh continued: "',
    "The senator walked to the podium and looked at the crowd. She began, \u201c",
    "Readers wrote to the paper about the debate and the election. \u201cYes, it was a disaster.\u201d \u2015 ",
])
def test_quotes_cue_shapes_survive_unclosed_or_empty_quotations(extract_text, text):
    rec = extract_text(text)
    assert all(rec.text[q.start:q.end] == q.text for q in rec.quotes)


def test_quotes_nominal_attribution(extract_text):
    rec = extract_text("Politifact checked Donald Trump's claim that there have been thousands of shootings in "
                       "Chicago this year.")
    (q,) = [q for q in rec.quotes if q.cue == "claim"]
    assert q.speaker_text == "Donald Trump" and q.text.startswith("that there have been thousands")
    assert q.kind == "indirect"


def test_quotes_transcript_lines(extract_text):
    rec = extract_text('Partial transcript as follows:\n\n"WALLACE: Let us start with the debate story tonight.\n\n'
                       '"PENCE: Well, look, the campaign thinks this is an episode of a television show.')
    quotes = [(q.cue, rec.text[q.speaker_span[0]:q.speaker_span[1]]) for q in rec.quotes]
    assert quotes == [(":", "WALLACE"), (":", "PENCE")]


def test_quotes_according_to_at_the_very_end_never_raises(nlp):
    from eventwire.pipeline.quotes import find_attributions

    assert find_attributions(nlp("According to Rush Limbaugh,")) == []


def test_quotes_unanswered_requests_for_comment(extract_text):
    rec = extract_text("Senator John Smith did not immediately respond to requests for comment. Mary Jones could "
                       "not be reached for comment. The army responded to the attack with air strikes.")
    assert [(kind, speaker, cue, text) for kind, speaker, cue, text in _quotes(rec)] == [
        ("indirect", "John Smith", "did not immediately respond", "to requests for comment"),
        ("indirect", "Mary Jones", "could not be reached", "for comment"),
    ]  # a response to an attack is no attribution


def test_quotes_commitments_are_attributions_without_the_storys_own_aside(extract_text):
    rec = extract_text("President Vladimir Putin has vowed to restore security following the raids, responding "
                       "with intensified strikes on Ukraine's border regions.")
    assert _quotes(rec) == [("indirect", "Vladimir Putin", "has vowed", "to restore security following the raids")]
    strikes = next(e for e in rec.events if rec.text[e.evidence.trigger[0]:e.evidence.trigger[1]] == "strikes")
    assert strikes.source is None  # the story tells the strikes itself; they are no part of the vow


def test_quotes_name_calling_and_refusals(extract_text):
    rec = extract_text("One of the doctors called Oz a quack and a charlatan.")
    assert _quotes(rec) == [("indirect", None, "called", "a quack and a charlatan")]
    rec = extract_text("Through a spokesman, Governor Jim Justice declined to comment on the report.")
    assert [q.cue for q in rec.quotes] == ["declined to comment on"]


@pytest.mark.parametrize("text,cue", [
    ("The senator has also said that the bill would pass.", "has also said"),
    ("Mr. Smith repeatedly noted that the plant was closed.", "repeatedly noted"),
    ("The minister said Friday that the border was closed.", "said Friday"),
    ("The minister said in a statement that the border was closed.", "said"),  # the medium is its own field
])
def test_quotes_cue_keeps_adverbs_and_time_not_medium(extract_text, text, cue):
    assert [q[2] for q in _quotes(extract_text(text))] == [cue]


def test_quotes_noun_content_keeps_its_clause_and_closing_marks(extract_text):
    rec = extract_text("The mayor criticized policies that raise rents. The governor described the law as a "
                       "\u201ccrazy system.\u201d The senator said voter fraud \u201cwould be a way to lose.\u201d")
    contents = [q[3] for q in _quotes(rec)]
    assert "policies that raise rents" in contents
    assert "the law as a \u201ccrazy system.\u201d" in contents
    assert "voter fraud \u201cwould be a way to lose.\u201d" in contents


def test_quotes_refusal_to_comment_and_objects_of_reporting_verbs(extract_text):
    quotes = _quotes(extract_text(
        "Through a spokesman, the governor declined to comment. In her book, the senator noted the clot's "
        "existence. The president has called for reducing the corporate tax rate."))
    assert quotes == [
        ("indirect", None, "declined", "to comment"),
        ("indirect", None, "noted", "the clot's existence"),
        ("indirect", None, "has called for", "reducing the corporate tax rate"),
    ]


def test_quotes_findings_polls_and_pointing(extract_text):
    quotes = _quotes(extract_text(
        "A 2014 study by the law school found 31 incidents of voter impersonation. Police found a body in the river. "
        "In the latest poll, the governor leads by three points. The IMF pointed to the vote as an example of "
        "rising anger."))
    assert [(q[2], q[3]) for q in quotes] == [
        ("found", "31 incidents of voter impersonation"),  # a study's finding; the police's body is none
        ("In", "the governor leads by three points"),
        ("pointed to", "the vote as an example of rising anger"),
    ]


def test_quotes_question_cut_from_its_cue(extract_text):
    # spaCy ends the sentence at '?"', leaving "Clinton said." a sentence of its own.
    quotes = _quotes(extract_text("\u201cHow many times do we have to see this in our country?\u201d Clinton said. "
                                  "\u201cIt is unbearable and it has to stop,\u201d she added."))
    question = "\u201cHow many times do we have to see this in our country?\u201d"
    assert quotes[0] == ("direct", "Clinton", "said", question)
    assert quotes[1][:3] == ("direct", "Clinton", "added")


def test_quotes_defending_ground_is_no_attribution(extract_text):
    quotes = _quotes(extract_text("Nikitin said their raids forced Russia to divert troops to defend the border "
                                  "regions. The minister defended the new law."))
    assert [q[2] for q in quotes] == ["said", "defended"]


def test_quotes_no_content_in_addressees_dates_or_relative_pronouns(extract_text):
    quotes = _quotes(extract_text(
        "The minister was speaking to reporters in Brussels. The envoy spoke Thursday. The party rejected what "
        "the minister described as a betrayal."))
    assert not [q for q in quotes if q[2] in ("speaking to", "spoke", "described")]


@pytest.mark.parametrize("text, cue, content", [
    # a reported clause the parser hung elsewhere
    ("In Honolulu last week, he told a meeting of Pacific Island leaders that few people understood the stakes.",
     "told", "that few people understood the stakes"),
    ("The Times reported at the time that the editor was fired.", "reported", "that the editor was fired"),
    ("He said when he arrived he was tired.", "said", "when he arrived he was tired"),
    ("Democrats accused the GOP of stoking the issue.", "accused", "the GOP of stoking the issue"),
])
def test_quotes_clauses_the_parser_hung_elsewhere(extract_text, text, cue, content):
    quotes = _quotes(extract_text(text))
    assert [(q[2], q[3]) for q in quotes] == [(cue, content)]


def test_quotes_an_aside_hung_on_the_subject(extract_text):
    text = "The difference now, he told me on Friday, is that he is the anchor of a news program."
    rec = extract_text(text)
    (quote,) = rec.quotes
    assert quote.cue == "told" and quote.speaker_text == "he" and quote.text.startswith("The difference now")


def test_quotes_a_relative_clause_is_no_reported_clause(extract_text):
    assert not _quotes(extract_text("He visited at the time that the war began."))


@pytest.mark.parametrize("text, expected", [
    ("The IMF expects that U.S. output will expand by 1.6 percent.",
     [("expects", "that U.S. output will expand by 1.6 percent")]),
    ("They felt the FBI was not being forthcoming.", [("felt", "the FBI was not being forthcoming")]),
    ("High school administrators decided she should share the honor.",
     [("decided", "she should share the honor")]),
    ("He felt betrayed. We expect rain.", []),  # beliefs only with their clause
])
def test_quotes_beliefs_and_decisions_with_their_clause(extract_text, text, expected):
    assert [(q[2], q[3]) for q in _quotes(extract_text(text))] == expected


@pytest.mark.parametrize("text, expected", [
    ("Some critics saw the comment as a dig at the military.", [("saw", "the comment as a dig at the military")]),
    ("Analysts view the deal as a turning point.", [("view", "the deal as a turning point")]),
    ("Voters who saw Tim Kaine speak at a rally cheered.", []),  # seeing, no judgement
])
def test_quotes_seeing_as(extract_text, text, expected):
    assert [(q[2], q[3]) for q in _quotes(extract_text(text))] == expected


@pytest.mark.parametrize("text, cue", [
    ("The senator likened the plan to a tax on the poor.", "likened"),
    ("Trump mocked the governor's response to the storm.", "mocked"),
    ("The president encouraged voters to back the measure.", "encouraged"),
    ("The report outlined a path to lower deficits.", "outlined"),
])
def test_quotes_judgements_and_appeals_with_an_object(extract_text, text, cue):
    # Verbs of judgement and appeal are attributions with their object or clause as content, as in PolNeAR
    assert [q[2] for q in _quotes(extract_text(text))] == [cue]


def test_quotes_what_is_urged_is_no_claim_of_its_own(extract_text):
    rec = extract_text("The president urged voters to back the measure. The governor asked lawmakers to support "
                       "the plan.")
    assert [q[2] for q in _quotes(rec)] == ["urged", "asked"]


@pytest.mark.parametrize("text, speaker", [
    ("President Barack Obama responded to a mother on Wednesday by saying his refusal was a manufactured issue.",
     "President Barack Obama"),
    ("After saying her foot was swollen, Clinton left the stage.", "Clinton"),
])
def test_quotes_speaker_of_a_saying_after_a_preposition(extract_text, text, speaker):
    (quote,) = extract_text(text).quotes
    assert (quote.cue, quote.speaker_text) == ("saying", speaker)


def test_quotes_an_office_of_a_country_is_no_holder_the_story_named(extract_text):
    rec = extract_text("President Vladimir Putin spoke on Monday. The president of France said the talks failed.")
    names = {e.id: e.name for e in rec.entities}
    (failed,) = [q for q in rec.quotes if rec.text[q.start:q.end] == "the talks failed"]
    assert names.get(failed.speaker) != "Vladimir Putin"


def test_quotes_a_day_is_no_content(extract_text):
    rec = extract_text("President Vladimir Putin spoke on Monday. The minister spoke to reporters on Tuesday. "
                       "He spoke on Monday about the war.")
    assert [(q.cue, rec.text[q.start:q.end]) for q in rec.quotes] == [("spoke", "the war")]
