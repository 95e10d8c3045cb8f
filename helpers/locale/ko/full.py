"""Korean: the text of the full topic (keys "full.*").

Lesson 02's figures (:mod:`helpers.plots.full`; the histogram also in lesson 03).
Terms as in the glossary (notebooks/glossary.md); "forward pass" is the book's 순전파
(chapter 3), a histogram's bin 구간.
"""

MESSAGES = {
    # the distribution of the per-sample losses (plot_loss_histogram)
    "full.histogram.title": "대부분 작고 몇몇만 아주 큰 손실:\n"
                            "평균({mean})은 중앙값({median})의 {ratio}배",
    "full.histogram.title_zero_median": "대부분 작고 몇몇만 아주 큰 손실:\n"
                                        "평균 {mean}, 중앙값 {median}",
    "full.histogram.threshold": "손실 < {threshold}: 이미지의 {share}",
    "full.histogram.images": "이미지 {n}장",
    "full.histogram.mean": "평균 {mean}",
    "full.histogram.median": "중앙값 {median}",
    "full.histogram.below": "이미지의 {share}:\n평균 미만",
    "full.histogram.above": "이미지의 {share}:\n평균 이상",
    "full.histogram.xlabel": "이미지 한 장의 손실 {formula} (내트)",
    "full.histogram.xlabel_log": "이미지 한 장의 손실 {formula} (내트, 로그 눈금)",
    "full.histogram.ylabel": "구간별 이미지 수",
    "full.histogram.ylabel_log": "구간별 이미지 수 (로그 눈금)",
    # the share of the total loss carried by the worst images (plot_loss_share)
    "full.share.equal": "모든 손실이 같다면",
    "full.share.sorted": "손실이 큰 순서로 정렬",
    "full.share.worst_one": "손실이 가장 큰 이미지 1장: 손실 합계의 {share}",
    "full.share.worst": "손실이 가장 큰 이미지 {k}장: 손실 합계의 {share}",
    "full.share.xlabel": "손실이 큰 순서로 센 이미지의 비율 (%)",
    "full.share.ylabel": "손실 합계에서 차지하는 비율 (%)",
    "full.share.title": "손실 상위 {top} 이미지가\n손실 합계의 {share} 차지",
    # a grid of images (plot_image_grid)
    "full.grid.title": "정답 {label}, 예측 {predicted}",
    "full.grid.loss": "손실 {loss}",
    # the time of the full loss against N (plot_cost_vs_n)
    "full.cost.runs": "각 실행 ({runs}회)",
    "full.cost.fit": "원점을 지나는 직선: {us} µs × N",
    "full.cost.medians": "실행 시간의 중앙값",
    "full.cost.xlabel": "N, 손실을 계산한 이미지 수",
    "full.cost.ylabel": "순전파 + CEE 시간 (ms)",
    "full.cost.title": "N에 비례해 늘어나는 시간:\n이미지 한 장에 약 {us} µs",
}

#: Keys whose Korean is the English (pure notation): none.
SAME: set[str] = set()
