"""Korean: the text of the minibatch topic (keys "minibatch.*").

Lesson 03 (무작위 미니배치). Figure titles and labels are noun phrases; the widget's readout
is prose (~합니다). No particle follows a number field directly (its reading decides 이/가,
은/는): a Korean noun, a colon or a parenthesis comes between. Hangul is about twice as wide
as a Latin letter, so a figure line holds about 30 Hangul where English holds 55 characters.
"""

MESSAGES = {
    # -- describe_draws: the two-line title of the histogram (the widget's finding) ---------
    "minibatch.title.close_10pct": "전체 손실 ±10% 이내",
    "minibatch.title.close_se": "±1 표준오차 이내",
    "minibatch.title.whole_data": ("B = N = {n}, 비복원 추출: 배치가 곧 전체 데이터\n"
                                   "모든 배치 손실 = 전체 손실 {full}: 오차 0"),
    "minibatch.title.one_draw": ("B = {b}: 미니배치 손실 {loss}, 전체 손실 {full}\n"
                                 "배치 하나로는 퍼짐이 보이지 않음: 미니배치를 더 뽑아 보세요"),
    "minibatch.title.head": "B = {b}: 전체 손실 {full} 주위로 ±{spread} 퍼짐",
    # "전체 손실 미만": below the full loss (not below the ±1 SE band), as in hist.below
    "minibatch.title.tail": "배치 {n_draws}개 중 {within}가 {close}, {below}는 전체 손실 미만",
    "minibatch.title.tail_one": "1장짜리 배치: {within}가 {close}, {below}는 전체 손실 미만",
    "minibatch.title.repeats": "{b}번 복원 추출: 중복 때문에 이미지의 {missed}가 빠짐",
    "minibatch.title.distinct": "{b}번 복원 추출: 서로 다른 이미지는 약 {held}장뿐",

    # -- plot_minibatch_hist: the histogram of mini-batch losses -----------------------------
    "minibatch.hist.count_one": "미니배치 손실 {n}개",
    "minibatch.hist.count_many": "미니배치 손실 {n}개",
    "minibatch.hist.count_of_b": "{count} (B = {b})",
    "minibatch.hist.none_below": "전체 손실 미만 없음",
    "minibatch.hist.all_equal": "모두 전체 손실과 같음",
    "minibatch.hist.below": "전체 손실 미만 {pct}%",
    "minibatch.hist.above": "전체 손실 이상 {pct}%",
    "minibatch.hist.outside": "{n_draws}개 중 {outside}개가 {lo}~{hi} 범위 밖",
    "minibatch.hist.full_loss": "전체 손실 {loss}",
    "minibatch.hist.se_band": "±1 표준오차",
    "minibatch.hist.median": "배치 손실의 중앙값",
    "minibatch.hist.xlabel": "미니배치 손실 (배치의 평균 CEE, 내트)",
    "minibatch.hist.ylabel": "구간별 배치 비율 (%)",
    "minibatch.hist.title": ("미니배치 손실: 전체 손실 {full} 주위로 ±{spread} 퍼짐\n"
                             "평균 {mean}: 전체 손실과 거의 일치, 배치의 {below}는 전체 손실 미만"),

    # -- plot_error_vs_batch: the spread against the batch size ------------------------------
    "minibatch.error.theory_with": "이론, 복원 추출: σ/√B",
    "minibatch.error.theory_without": "이론, 비복원 추출 (G4)",
    "minibatch.error.measured_with": "측정, 복원 추출",
    "minibatch.error.measured_without": "측정, 비복원 추출",
    "minibatch.error.zero": "비복원, B = N: 정확히 0",
    "minibatch.error.current": "지금 뽑은 배치들",
    "minibatch.error.xlabel": "배치 크기 B (로그 눈금)",
    "minibatch.error.ylabel": "미니배치 손실의 퍼짐 (내트, 로그 눈금)",
    "minibatch.error.title": "미니배치 손실의 퍼짐: 측정값과 σ/√B",

    # -- plot_se_vs_population: the standard error against the population size ---------------
    "minibatch.se_pop.mark_95": "N = {n}\n표준오차: ±{se}\n95%: ±{half}",
    "minibatch.se_pop.xlabel": "모집단 크기 N (로그 눈금)",
    "minibatch.se_pop.ylabel": "표준오차",
    "minibatch.se_pop.ylabel_unit": "표준오차 ({unit})",
    "minibatch.se_pop.legend_title": "표본 크기 (점선: σ/√B)",
    "minibatch.se_pop.title": "오차는 표본 크기 B로 정해지고, 모집단 크기 N과는 거의 무관",

    # -- minibatch_explorer: controls, the error figure's title, the readout -----------------
    "minibatch.widget.batch_size": "배치 크기 B",
    "minibatch.widget.n_draws": "미니배치 수",
    "minibatch.widget.seed": "시드",
    "minibatch.widget.with": "복원 추출 (책의 방식)",
    "minibatch.widget.without": "비복원 추출",
    "minibatch.widget.error_title": "배치 크기 B에 따른 퍼짐 (★: 지금 뽑은 배치들)",
    "minibatch.readout.about": "약 ±{x}",
    "minibatch.readout.tiny": "0.0001 미만",
    "minibatch.readout.whole_data": (
        "<b>B = N = {b}, 비복원 추출:</b> 모든 배치에 모든 이미지가 정확히 한 번씩 들어가므로, "
        "배치 손실은 언제나 전체 손실(<b>{full}</b>)과 같습니다. "
        "표준오차(σ/√B·√((N−B)/(N−1)))는 정확히 <b>0</b>입니다."),
    # "미니배치 {d}개": "1번 뽑았습니다" would read as "drawn (number) 1"
    "minibatch.readout.head_with": "<b>B = {b}인 미니배치 {d}개를 복원 추출로 뽑았습니다.</b>",
    "minibatch.readout.head_without": (
        "<b>B = {b}인 미니배치 {d}개를 비복원 추출로 뽑았습니다.</b>"),
    "minibatch.readout.head_with_one": (
        "<b>B = {b}인 미니배치 {d}개를 복원 추출로 뽑았습니다.</b>"),
    "minibatch.readout.head_without_one": (
        "<b>B = {b}인 미니배치 {d}개를 비복원 추출로 뽑았습니다.</b>"),
    "minibatch.readout.average": (
        "배치 손실의 평균은 <b>{mean}</b>, 전체 손실은 <b>{full}</b>입니다."),
    "minibatch.readout.average_many": (
        "배치 손실의 평균은 <b>{mean}</b>, 전체 손실은 <b>{full}</b>입니다. 미니배치 손실은 "
        "불편 추정량이라 평균적으로 맞습니다: 배치 {d}개의 평균은 전체 손실에서 "
        "제곱평균제곱근으로 {about} 빗나가며, 많이 뽑을수록 더 가까워집니다."),
    "minibatch.readout.spread": (
        "배치 손실의 중앙값은 <b>{median}</b>이고, 배치의 {below}가 전체 손실보다 낮습니다. "
        "퍼짐은 ±<b>{spread}</b>입니다(이론값인 표준오차는 <b>{se}</b>: 배치 손실이 "
        "전체 손실에서 빗나가는 정도의 제곱평균제곱근). 배치의 <b>{within}</b>가 "
        "±1 표준오차 안에 들어옵니다."),
    "minibatch.readout.one_draw": (
        "이론: 배치 하나는 제곱평균제곱근으로 <b>{se}</b>만큼 빗나갑니다(표준오차). "
        "미니배치를 더 뽑으면 그 안에 드는 배치가 몇 개인지 셀 수 있습니다."),
    "minibatch.readout.simulated": (
        "<i>(이렇게 큰 배치를 이만큼 많이 뽑을 때는 빠르게 보여 주려고 실제로 뽑지 않고 "
        "시뮬레이션합니다: 평균, 퍼짐, 치우침(왜도, G3)이 같은 분포에서 값을 만듭니다. "
        "뽑는 횟수를 줄이면 실제로 뽑습니다.)</i>"),
}

#: Entries without Hangul on purpose: pure notation (tests/test_i18n.py).
SAME = {"minibatch.hist.count_of_b"}
