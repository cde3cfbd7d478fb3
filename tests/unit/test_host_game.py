"""The live game as a state machine, on an injected clock: phases, joining, rejoining, kicking,
answers (late, twice, malformed), time-outs, ties, points as the quiz scores them, stats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakes import FakeClock

from nkquiz.deck.load import load_deck
from nkquiz.engine.scoring import points
from nkquiz.host.game import MAX_NICKNAME, Game, Phase, Refused
from nkquiz.i18n import texts_for

DECK = load_deck(Path(__file__).parents[1] / "data" / "host-game.yaml")
EN = texts_for("en")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def game(clock: FakeClock) -> Game:
    """The deck's questions in its order (capital, ice, author, legs, river, primes, steps,
    capitals), 20 s each."""
    return Game(list(DECK.questions()), EN, clock=clock, seed=3, time_limit=20)


def test_only_questions_a_phone_answers_are_played(game: Game) -> None:
    ids = [a.question.id for a in game.asked]
    assert ids == ["capital", "ice", "author", "legs", "river", "primes", "steps", "capitals"]
    assert sorted(game.asked[0].options) == ["Lille", "Lyon", "Marseille", "Paris"]


def test_a_game_goes_through_its_phases(game: Game) -> None:
    assert game.phase is Phase.LOBBY and game.current is None
    seen = [(game.advance(), game.index)]
    while seen[-1][0] is not Phase.END:
        seen.append((game.advance(), game.index))
    assert seen[:4] == [
        (Phase.QUESTION, 0),
        (Phase.REVEAL, 0),
        (Phase.LEADERBOARD, 0),
        (Phase.QUESTION, 1),
    ]
    assert seen[-2:] == [(Phase.LEADERBOARD, 7), (Phase.END, 7)]


@pytest.mark.parametrize(
    ("nickname", "reason"),
    [
        ("", "nickname_empty"),
        ("   ", "nickname_empty"),
        ("x" * (MAX_NICKNAME + 1), "nickname_long"),
        ("bad\nname", "nickname_chars"),
        ("bell\x07", "nickname_chars"),
        ("ALICE", "nickname_taken"),
        (" alice ", "nickname_taken"),
    ],
)
def test_nicknames_refused(game: Game, nickname: str, reason: str) -> None:
    game.join("Alice")
    with pytest.raises(Refused) as refused:
        game.join(nickname)
    assert refused.value.reason == reason


def test_markup_is_a_nickname_like_any_other(game: Game) -> None:
    assert game.join("[bold]x[/]").nickname == "[bold]x[/]"
    assert game.join("<script>").nickname == "<script>"
    assert game.join("  Zoé  ").nickname == "Zoé"
    assert game.join("y" * MAX_NICKNAME).nickname == "y" * MAX_NICKNAME


def test_a_full_game_and_a_finished_one_refuse_players(clock: FakeClock) -> None:
    game = Game(list(DECK.questions()), EN, clock=clock, max_players=2)
    game.join("a")
    game.join("b")
    with pytest.raises(Refused, match="game_full"):
        game.join("c")
    game.end()
    with pytest.raises(Refused, match="game_over"):
        game.join("d")


def test_points_are_the_quizs_with_speed_and_streak(game: Game, clock: FakeClock) -> None:
    alice = game.join("Alice")
    game.advance()
    clock.now += 5
    outcome = game.answer(alice.token, "Paris")
    assert outcome.grade.fully_right
    assert outcome.points == points(1, 1.0, 1, 5, 20) == 88
    game.advance()
    game.advance()
    game.advance()  # ice
    clock.now += 10
    assert game.answer(alice.token, True).points == points(1, 1.0, 2, 10, 20)
    assert alice.streak == 2
    assert alice.score == 88 + points(1, 1.0, 2, 10, 20)


def test_typed_answers_are_graded_by_nkquizs_grader(game: Game, clock: FakeClock) -> None:
    alice, bob = game.join("Alice"), game.join("Bob")
    for _ in range(7):  # capital, ice: nobody answers; then author
        game.advance()
    assert game.current is not None and game.current.question.id == "author"
    right = game.answer(alice.token, "victor hugo")
    typo = game.answer(bob.token, "Victor Hugp")
    assert right.grade.fully_right
    assert typo.grade.verdict.value == "almost" and typo.grade.fully_right
    assert right.points == points(2, 1.0, 1, 0, 20)


def test_a_cloze_takes_one_text_a_blank(game: Game) -> None:
    alice = game.join("Alice")
    game.advance()
    while (
        game.current is None
        or game.current.question.id != "river"
        or (game.phase is not Phase.QUESTION)
    ):
        game.advance()
    with pytest.raises(Refused, match="bad_answer"):
        game.answer(alice.token, ["Seine"])
    assert game.answer(alice.token, ["seine", "Paris"]).grade.fully_right


@pytest.mark.parametrize("answer", ["Rome", "", True, ["Paris"], "x" * 500])
def test_malformed_answers_are_refused(game: Game, answer: object) -> None:
    alice = game.join("Alice")
    game.advance()
    with pytest.raises(Refused, match="bad_answer"):
        game.answer(alice.token, answer)  # type: ignore[arg-type]
    assert game.answer(alice.token, "Paris").grade.fully_right  # still free to answer


def test_one_answer_per_question(game: Game) -> None:
    alice = game.join("Alice")
    game.advance()
    game.answer(alice.token, "Lyon")
    with pytest.raises(Refused, match="already_answered"):
        game.answer(alice.token, "Paris")
    assert alice.score == 0


def test_late_answers_are_refused_and_time_outs_score_nothing(game: Game, clock: FakeClock) -> None:
    alice, bob = game.join("Alice"), game.join("Bob")
    game.advance()
    game.answer(bob.token, "Paris")
    clock.now += 19.9
    assert not game.tick()  # Alice has a tenth of a second left
    clock.now += 0.2
    with pytest.raises(Refused, match="late"):
        game.answer(alice.token, "Paris")
    assert game.tick() and game.phase is Phase.REVEAL
    assert alice.outcomes[0].answer is None and alice.outcomes[0].points == 0
    assert alice.streak == 0 and bob.streak == 1
    with pytest.raises(Refused, match="not_open"):
        game.answer(alice.token, "Paris")


def test_the_question_closes_once_everyone_has_answered(game: Game) -> None:
    alice, bob = game.join("Alice"), game.join("Bob")
    game.advance()
    game.answer(alice.token, "Paris")
    assert not game.tick()
    game.answer(bob.token, "Lyon")
    assert game.tick() and game.phase is Phase.REVEAL
    assert game.answered == 2


def test_a_rejoining_player_keeps_points_and_streak(game: Game, clock: FakeClock) -> None:
    alice = game.join("Alice")
    game.advance()
    game.answer(alice.token, "Paris")
    alice.connected = False
    back = game.rejoin(alice.token)
    assert back is alice and back.connected
    assert (back.score, back.streak, back.nickname) == (100, 1, "Alice")
    with pytest.raises(Refused, match="unknown_player"):
        game.rejoin("not-a-token")


def test_a_kicked_player_is_gone_and_their_nickname_free(game: Game) -> None:
    alice = game.join("Alice")
    assert game.kick(alice.token) is alice
    with pytest.raises(Refused, match="unknown_player"):
        game.rejoin(alice.token)
    game.advance()
    with pytest.raises(Refused, match="unknown_player"):
        game.answer(alice.token, "Paris")
    assert game.join("alice").nickname == "alice"


def test_a_late_joiner_starts_with_the_next_question(game: Game) -> None:
    alice = game.join("Alice")
    game.advance()
    late = game.join("Late")
    with pytest.raises(Refused, match="not_open"):
        game.answer(late.token, "Paris")
    game.answer(alice.token, "Paris")
    assert game.tick()  # Late could not answer: everyone who could has
    assert game.stats().players == 1
    game.advance()
    game.advance()
    assert game.answer(late.token, True).grade.fully_right
    assert late.score == 100


def test_ties_share_a_rank(game: Game) -> None:
    tokens = {name: game.join(name).token for name in ["Cy", "bea", "Al", "Dan"]}
    game.advance()
    for name in ["Cy", "bea", "Al"]:
        game.answer(tokens[name], "Paris")
    game.answer(tokens["Dan"], "Lyon")
    board = [(s.rank, s.nickname, s.score) for s in game.leaderboard()]
    assert board == [(1, "Al", 100), (1, "bea", 100), (1, "Cy", 100), (4, "Dan", 0)]
    assert game.rank_of(tokens["Dan"]) == 4


def test_stats_of_a_choice(game: Game) -> None:
    tokens = [game.join(name).token for name in "abcdef"]
    game.advance()
    for token, answer in zip(tokens, ["Paris", "Paris", "Lyon", "Lyon", "Lille"], strict=False):
        game.answer(token, answer)
    game.advance()
    stats = game.stats()
    assert (stats.players, stats.answered, stats.right) == (6, 5, 2)
    assert stats.share_right == pytest.approx(2 / 6)
    assert {a: n for a, n, _ in stats.counts} == {
        "Paris": 2,
        "Lyon": 2,
        "Lille": 1,
        "Marseille": 0,
    }
    assert [a for a, _, right in stats.counts if right] == ["Paris"]
    assert [a for a, _, _ in stats.counts] == list(game.asked[0].options)
    assert stats.common_wrong == (("Lyon", 2), ("Lille", 1))


def test_stats_of_typed_answers_group_case_and_spaces(game: Game) -> None:
    tokens = [game.join(name).token for name in "abcd"]
    for _ in range(7):
        game.advance()
    assert game.current is not None and game.current.question.id == "author"
    for token, answer in zip(tokens, ["Hugo", " hugo", "Zola", "Victor Hugo"], strict=True):
        game.answer(token, answer)
    stats = game.stats()
    assert stats.counts[0] == ("Hugo", 2, False)
    assert stats.common_wrong == (("Hugo", 2), ("Zola", 1))
    assert stats.right == 1


def test_stats_of_a_truefalse_are_worded(game: Game) -> None:
    token = game.join("a").token
    for _ in range(4):
        game.advance()
    game.answer(token, False)
    assert game.stats().counts == (("true", 0, True), ("false", 1, False))


def test_a_pause_stops_the_countdown_and_costs_no_speed_points(
    game: Game, clock: FakeClock
) -> None:
    alice, bob = game.join("Alice"), game.join("Bob")
    game.advance()
    clock.now += 5
    assert game.pause() and game.paused
    with pytest.raises(Refused, match="not_open"):
        game.answer(alice.token, "Paris")
    clock.now += 100  # far past the time limit, paused
    assert not game.tick() and game.seconds_left() == 15
    assert not game.pause()
    clock.now += 5
    assert game.seconds_left() == 10
    assert game.answer(alice.token, "Paris").points == points(1, 1.0, 1, 10, 20)
    game.pause()
    game.advance()  # going on while paused closes the question, unpaused
    assert game.phase is Phase.REVEAL and not game.paused
    assert bob.outcomes[0].answer is None


def test_ending_early_closes_the_question_and_keeps_the_scores(game: Game) -> None:
    alice = game.join("Alice")
    game.advance()
    game.answer(alice.token, "Paris")
    game.end()
    assert game.phase is Phase.END and alice.score == 100
    assert game.leaderboard()[0].nickname == "Alice"


def test_a_multi_takes_distinct_options_and_counts_each_ticked(game: Game) -> None:
    tokens = [game.join(name).token for name in "abc"]
    while game.current is None or game.current.question.id != "primes":
        game.advance()
    for answer in (["2", "2"], ["2", "5"], "2"):
        with pytest.raises(Refused, match="bad_answer"):
            game.answer(tokens[0], answer)
    assert game.answer(tokens[0], ["3", "2"]).grade.fully_right
    assert not game.answer(tokens[1], ["2", "4"]).grade.fully_right
    assert not game.answer(tokens[2], []).grade.fully_right
    stats = game.stats()
    assert {a: (n, right) for a, n, right in stats.counts} == {
        "2": (2, True),
        "3": (1, True),
        "4": (1, False),
        "6": (0, False),
    }
    assert stats.common_wrong == (("4", 1),)


def test_a_game_resumed_from_its_journal_goes_on_where_it_was(game: Game, clock: FakeClock) -> None:
    alice, bob = game.join("Alice"), game.join("Bob")
    game.advance()
    clock.now += 5
    game.answer(alice.token, "Paris")
    game.answer(bob.token, "Lyon")
    game.advance()
    late = game.join("Late")
    game.advance()
    game.advance()  # ice, open: its answers are lost with the process
    game.answer(alice.token, True)
    journal = json.loads(json.dumps(game.journal()))

    again = Game.resumed(journal, DECK, EN, clock=clock)
    assert (again.phase, again.index) == (Phase.LEADERBOARD, 0)
    assert [(s.nickname, s.score) for s in again.leaderboard()] == [
        ("Alice", 88),
        ("Bob", 0),
        ("Late", 0),
    ]
    back = again.rejoin(alice.token)
    assert back.connected and back.streak == 1
    assert not again.players[bob.token].connected
    assert again.stats(0).common_wrong == (("Lyon", 1),)
    assert [a.options for a in again.asked] == [a.options for a in game.asked]
    again.advance()
    assert again.current is not None and again.current.question.id == "ice"
    assert again.answer(alice.token, True).streak == 2  # the streak goes on
    assert again.answer(late.token, True).grade.fully_right
    with pytest.raises(Refused, match="unknown_player"):
        again.rejoin("never-given")


def test_a_game_resumed_in_the_lobby_or_after_its_end(game: Game) -> None:
    game.join("Alice")
    lobby = Game.resumed(game.journal(), DECK, EN, clock=FakeClock())
    assert lobby.phase is Phase.LOBBY and [p.nickname for p in lobby.players.values()] == ["Alice"]
    game.end()
    assert Game.resumed(game.journal(), DECK, EN, clock=FakeClock()).phase is Phase.END


def test_a_journal_whose_question_is_gone_is_refused(game: Game) -> None:
    journal = game.journal()
    journal["questions"][0] = "gone"
    with pytest.raises(ValueError, match="gone"):
        Game.resumed(journal, DECK, EN, clock=FakeClock())


def test_an_order_takes_every_item_once(game: Game) -> None:
    tokens = [game.join(name).token for name in "ab"]
    while game.current is None or game.current.question.id != "steps":
        game.advance()
    for answer in (["Breakfast", "Lunch"], ["Breakfast", "Lunch", "Lunch"], "Breakfast"):
        with pytest.raises(Refused, match="bad_answer"):
            game.answer(tokens[0], answer)
    assert game.answer(tokens[0], ["Breakfast", "Lunch", "Dinner"]).grade.fully_right
    assert not game.answer(tokens[1], ["Dinner", "Lunch", "Breakfast"]).grade.fully_right
    assert game.stats().common_wrong == (("Dinner / Lunch / Breakfast", 1),)


def test_a_match_takes_pairs_of_its_own_items(game: Game) -> None:
    tokens = [game.join(name).token for name in "ab"]
    while game.current is None or game.current.question.id != "capitals":
        game.advance()
    for answer in ({"Paris": "Germany"}, {"Berlin": "France"}, ["France"], {"Paris": 1}):
        with pytest.raises(Refused, match="bad_answer"):
            game.answer(tokens[0], answer)  # type: ignore[arg-type]
    right = {"Paris": "France", "Rome": "Italy", "Madrid": "Spain"}
    assert game.answer(tokens[0], right).grade.fully_right
    half = game.answer(tokens[1], {"Paris": "France", "Rome": "Spain"})
    assert 0 < half.grade.credit < 1
    assert game.stats().common_wrong == (("Paris → France / Rome → Spain", 1),)


def test_movers_are_the_places_won_or_lost_with_the_last_question(game: Game) -> None:
    alice, bob = game.join("Alice"), game.join("Bob")
    game.advance()
    game.answer(alice.token, "Paris")
    game.advance()
    game.advance()
    assert game.moves() == {alice.token: 0, bob.token: -1}  # both first (tied) before it
    game.advance()  # ice: Bob answers, Alice does not
    game.answer(bob.token, True)
    late = game.join("Late")
    game.advance()
    game.advance()
    assert game.moves() == {alice.token: 0, bob.token: 1}  # Bob up to a tie at 100
    assert late.token not in game.moves()
