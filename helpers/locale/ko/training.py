"""Korean: the text of the training topic (keys "training.*").

노트북 04(미니배치 확률적 경사 하강법)의 그림, 위젯, 학습 진행 표시줄.
"""

MESSAGES = {
    # -- 학습 이름 (범례와 제목)
    "training.label.all": "전체 {n} (GD)",
    "training.label.batch": "배치 {size}",
    "training.label.lr": "학습률 {lr}",
    "training.label.replace": "복원 추출",
    "training.label.shuffled": "섞기",
    "training.mode.replace": "복원 추출 (책의 방식)",
    "training.mode.shuffle": "에폭마다 섞기",
    "training.ylabel_full_loss": "훈련 이미지 전체의\n손실 (내트)",
    # -- plot_training_curves
    "training.curves.title_noisy": "미니배치 손실은 들쭉날쭉 ({label})",
    "training.curves.title_one": "미니배치 손실은 들쭉날쭉, 전체 훈련 손실은\n"
                                 "매끄럽게 감소: {start} → {end} ({label})",
    "training.curves.title_not_evaluated": "전체 훈련 손실 (아직 평가 전)",
    "training.curves.title_best": "마지막 전체 훈련 손실이 가장 낮은 학습:\n{label} ({loss})",
    "training.curves.xlabel_epoch": "에폭 (훈련 이미지 전체를 훑은 횟수)",
    "training.curves.xlabel_step": "매개변수 갱신 횟수",
    "training.curves.xlabel_seconds": "학습 시간 (초)",
    "training.curves.xlabel_epoch_steps": "에폭 (1에폭 = 매개변수 갱신 {n}회)",
    "training.curves.ylabel_loss": "교차 엔트로피 오차 (내트)",
    "training.curves.legend_batch": "각 미니배치의 손실",
    "training.curves.legend_full": "훈련 이미지 {n}장 전체의 손실",
    "training.curves.legend_test": "시험 데이터",
    "training.curves.legend_train": "훈련 데이터",
    # ylabel_test_acc의 괄호 안: 세로 축 이름이 패널 높이에 들어가도록 짧게
    "training.curves.test_images_n": "{n}장 기준",
    "training.curves.test_images": "맞힌 비율",
    "training.curves.ylabel_acc": "정확도 (맞힌 비율)",
    "training.curves.ylabel_test_acc": "시험 정확도\n({images})",
    "training.curves.acc_together": "두 곡선이 붙어 있음: 오버피팅 없음",
    "training.curves.acc_gap": "{gap} 차이: 오버피팅?",
    "training.curves.acc_title_end": "마지막 정확도: 훈련 {train}, 시험 {test}\n({verdict})",
    "training.curves.acc_title": "시험 정확도: {start} → {end}\n(학습에 한 번도 쓰지 않은 이미지)",
    "training.curves.acc_title_no_test": "시험 정확도 (시험 데이터 없음)",
    # -- plot_batch_size_comparison
    "training.compare.head_epoch": "에폭 기준",
    "training.compare.head_step": "갱신 횟수 기준",
    "training.compare.head_seconds": "시간 기준",
    "training.compare.xlabel_epoch": "에폭 (본 훈련 이미지 수 ÷ N, 로그 눈금)",
    "training.compare.xlabel_step": "매개변수 갱신 횟수 (로그 눈금)",
    "training.compare.xlabel_seconds": "추정 학습 시간, 초 (갱신 횟수 × 1회 시간)",
    "training.compare.when_epoch": "{n}에폭",
    "training.compare.when_epochs": "{n}에폭",
    "training.compare.when_step": "갱신 {n}회",
    "training.compare.when_seconds": "{s}초",
    "training.compare.after": "{head}, {when} 후:",
    "training.compare.lowest": "최저는 {name} ({loss})",
    "training.compare.tie": "{names}: 거의 같음 ({losses})",
    "training.compare.lags_one": " · {names}: 뒤처짐 ({losses})",
    "training.compare.lags_many": " · {names}: 뒤처짐 ({losses})",
    "training.compare.batches": "배치 {sizes}",
    "training.compare.and": "{first}, {last}",
    "training.compare.start_note": "모든 학습이 {loss}에서 시작\n(갱신 0회: 로그 축 밖)",
    # -- plot_coverage
    # 한글과 수식($...$)을 한 문자열에 섞으면 mathtext가 한글을 그리지 못함: 수식은 일반 문자로
    "training.coverage.theory": "복원 추출의 이론값: 1 − e⁻ᵗ (t = {epochs})",
    "training.coverage.epochs_var": "에폭 수",
    "training.coverage.xlabel": "지금까지 뽑은 양, 에폭 단위 (뽑은 이미지 수 ÷ N)",
    "training.coverage.ylabel": "한 번 이상 뽑힌\n이미지의 비율",
    "training.coverage.title": "복원 추출은 1에폭 동안 이미지의 {unseen}를 놓침\n"
                               "(1/e = {e}), 섞기는 하나도 놓치지 않음",
    "training.coverage.title_plain": "한 번 이상 뽑힌 이미지의 비율",
    "training.coverage.poisson": "푸아송({lam}): e⁻¹/k!",
    "training.coverage.counts_xlabel": "1에폭 동안 한 이미지가 쓰인 횟수",
    "training.coverage.counts_ylabel": "이미지의 비율",
    "training.coverage.counts_title": "섞기: 모든 이미지를 정확히 한 번씩\n"
                                      "복원 추출: 0번, 1번, 2번, 3번 …",
    # -- training_explorer (위젯)
    "training.explorer.batch_size": "배치 크기",
    "training.explorer.lr": "학습률",
    "training.explorer.train": "학습",
    "training.explorer.train_tooltip": "이 설정으로 새 신경망을 학습합니다",
    "training.explorer.title": "기본 학습(회색, {label}):\n"
                               "{epochs} 동안 손실 {start} → {end}.\n"
                               "배치 크기와 학습률을 고른 뒤 학습 버튼을 누르세요.",
    "training.explorer.default_label": "기본 ({label})",
    "training.explorer.default_run": "기본 학습 ({label})",
    "training.explorer.yours": "내 학습",
    "training.explorer.yours_full": "내 학습: 훈련 이미지 전체의 손실",
    "training.explorer.yours_batch": "내 학습: 각 미니배치의 손실",
    "training.explorer.ylabel_test_acc": "시험 정확도",
    "training.explorer.epoch": "{n}에폭",
    "training.explorer.epochs": "{n}에폭",
    "training.explorer.plan": "{epochs} = 갱신 {n}회",
    "training.explorer.budget": " (갱신 한도 {budget}회: {epochs}에폭이면 {wanted}회가 필요)",
    "training.explorer.next": "다음 학습({settings}): {plan}.",
    "training.explorer.training": "학습 중: {plan} …",
    "training.explorer.live": "학습 중: 갱신 {step}/{total}회, 훈련 이미지 전체의 손실 {loss}",
    "training.explorer.done": "완료: {epochs} = 갱신 {n}회, {seconds}초 "
                              "(그래프용 평가 {evals}회 포함){acc}.",
    "training.explorer.done_acc": ", 시험 정확도 {acc}",
    "training.explorer.failed": "<b>학습 실패:</b> {kind}: {error}",
    "training.explorer.diverged": "손실이 커지며 발산: 학습률이 너무 큼",
    "training.explorer.diverged_title": "{label}, {lr}: 학습 중 가중치가 NaN 또는 inf가 됨\n"
                                        "{diverged}",
    "training.explorer.diverged_status": "<b>발산:</b> {diverged} (더 작은 학습률을 고르세요).",
    "training.explorer.result": "{label}: 손실 {start} → {end}",
    "training.explorer.when": "{epochs} (갱신 {n}회)",
    "training.explorer.after": "{when} 후",
    "training.explorer.after_capped": "{when} 후 (갱신 한도 때문에 {wanted}에폭에서 줄임)",
    "training.explorer.went_up": "손실이 오히려 커짐: 학습률이 너무 큼",
    "training.explorer.barely_moved": "거의 그대로: 갱신 횟수가 너무 적음",
    "training.explorer.same_as_default": "기본 학습의 같은 에폭 손실({ref})과 같음",
    "training.explorer.lower_than_default": "기본 학습의 같은 에폭 손실({ref})보다 낮음",
    "training.explorer.higher_than_default": "기본 학습의 같은 에폭 손실({ref})보다 높음",
    "training.explorer.default_short": "기본 학습은 여기까지 가지 않음",
    # -- train_sgd의 진행 표시줄 (tqdm)
    "training.progress.desc": "학습",
    "training.progress.unit": "회",
    "training.progress.loss": "훈련 손실={loss}",
}

#: Entries without Hangul: pure punctuation (a list of batch sizes, "배치 10, 100").
SAME = {"training.compare.and"}
