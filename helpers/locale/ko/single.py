"""Korean: the text of the single topic (keys "single.*").

Lesson 01's figures (:mod:`helpers.plots.single`) and widgets (:mod:`helpers.widgets.single`).
Terms as in the glossary (notebooks/glossary.md); "uniform guess" (0.1 on each of the 10
classes) is 균등 추측.
"""

MESSAGES = {
    # what a probability p on the right class says (verdict_words)
    "single.verdict.wins": "절반 초과: 정답 클래스가 1위",
    "single.verdict.uniform": "균등 추측과 같음",
    "single.verdict.timid": "균등 추측보다 크지만 절반 이하",
    "single.verdict.wrong": "균등 추측보다 작음",
    # the -log curve (neg_log_title, plot_neg_log)
    "single.neg_log.title_infinite": "정답 클래스의 p = 0: E = −log(0) = +∞\n"
                                     "(그래서 δ를 더함)",
    "single.neg_log.title_capped": "정답 클래스의 p = 0: log(0) = −∞이지만 δ = {delta} 덕분에\n"
                                   "손실의 상한은 E = −log(0 + δ) = {loss}",
    "single.neg_log.title_sure": "정답 클래스의 p = 1: 확신하고 맞음, 손실 없음\n"
                                 "E = −log(1 + δ) = {loss}",
    "single.neg_log.title": "정답 클래스의 p = {p} ({verdict})\nE = −log({p} + δ) = {loss}",
    "single.neg_log.title_no_points": "p → 0이면 한없이 커지는 손실",
    "single.neg_log.curve": "손실 E = {name}",
    "single.neg_log.cap": "상한 −log(δ) = {loss}",
    "single.neg_log.xlabel": "p = 신경망이 정답 클래스에 준 확률",
    "single.neg_log.ylabel": "손실 E (내트)",
    # CEE against SSE (plot_cee_vs_sse)
    "single.cee_sse.cee": "교차 엔트로피 오차(CEE)",
    "single.cee_sse.sse": "오차제곱합(SSE)",
    "single.cee_sse.off_chart": "그래프 밖으로 나간 CEE:\np = {p}에서 {loss}",
    "single.cee_sse.xlabel": "p = 정답 클래스의 확률",
    "single.cee_sse.ylabel": "데이터 하나의 손실 (CEE는 내트)",
    "single.cee_sse.title": "SSE는 {sse} 이하, CEE는 {cee}까지",
    # the 10 probabilities of one image (plot_probabilities, update_probabilities)
    "single.probabilities.true": "정답 클래스\n{p}",
    "single.probabilities.guess": "틀린 예측\n{p}",
    "single.probabilities.xlabel": "클래스 k (숫자)",
    # no $math$ next to Hangul: mathtext draws the words around it in DejaVu Sans, no Hangul
    "single.probabilities.ylabel": "확률 yₖ",
    # one prediction (prediction_title, plot_prediction)
    "single.prediction.this_image": "이 이미지",
    "single.prediction.test_image": "시험 이미지 {index}",
    "single.prediction.training_image": "훈련 이미지 {index}",
    "single.prediction.right": "{who}의 정답은 {t}, 신경망의 답은 {guess}: 맞음",
    "single.prediction.wrong": "{who}의 정답은 {t}, 신경망의 답은 {guess} ({p}): 틀림",
    "single.prediction.small_loss": "확신하는 예측, 작은 손실",
    "single.prediction.moderate_loss": "중간 정도의 손실",
    "single.prediction.large_loss": "큰 손실",
    "single.prediction.label": "정답 레이블 t = {t}",
    "single.prediction.output": "신경망의 출력 y (소프트맥스)",
    # the curve widget (cee_curve_widget)
    "single.curve.slider": "p (정답 클래스)",
    "single.curve.jump": "바로 가기",
    "single.curve.choose": "(값을 고르세요)",
    "single.curve.stop_sure": "1 (확신하고 맞음)",
    "single.curve.stop_book": "0.6 (책의 예시 1)",
    "single.curve.stop_uniform": "0.1 (예시 2, 균등 추측)",
    "single.curve.stop_cap": "0 (δ가 손실의 상한을 정함)",
    "single.curve.readout_cap": " (상한 −log(δ): δ가 없으면 log(0) = −∞)",
    "single.curve.readout_below_zero": " (0보다 아주 조금 작음: 소수 넷째 자리로는 -0.0000)",
    # the prediction browser (prediction_widget)
    "single.browser.slider_test": "시험 이미지",
    "single.browser.slider_training": "훈련 이미지",
    "single.browser.jump": "바로 가기",
    "single.browser.choose": "(눈여겨볼 예를 고르세요)",
    "single.browser.example": "{name}: 이미지 {index}",
    "single.browser.most_confident_right": "가장 확신한 정답",
    "single.browser.most_confident_wrong": "가장 확신한 오답",
    "single.browser.highest_loss": "손실이 가장 큰 이미지",
    "single.browser.closest_to_mean": "손실이 평균에 가장 가까운 이미지",
    "single.browser.readout": "이미지 {i}: 손실 <b>{loss}</b>, {n}장 중 손실이 큰 순서로 "
                              "{rank}위 ({n}장 전체의 평균 손실: {mean})",
}

#: Keys whose Korean is the English (pure notation): none.
SAME: set[str] = set()
