"""Korean: the text of the check topic (keys "check.*").

The feedback of the self-checking exercises (:mod:`helpers.check`). Register: statements in
~합니다/~입니다, hints as ~하세요 (a teacher's polite feedback). Code stays code, in
backticks (the message is shown as Markdown). Particles never follow a {field} directly
(a number or a name may end in a vowel or not): "{got}이지만", "{what} 값을", "`{name}` 함수가".
"""

MESSAGES = {
    # the verdict (_correct, _wrong)
    "check.verdict.correct": "✅ 정답입니다: {what}",
    "check.verdict.not_yet": "❌ 아직 정답이 아닙니다: {problem}",
    "check.verdict.hint": "힌트: {hint}",
    # calling the student's function (_unfinished, _name, _printed, _signature_problem, _call)
    "check.unfinished.problem": "`{name}` 함수가 아무것도 반환하지 않습니다.",
    "check.unfinished.hint": "함수 안의 `...` 자리에 직접 코드를 작성하고, 결과를 `return`하세요.",
    "check.your_function": "(이름 없음)",
    "check.unprintable": "<출력할 수 없는 `{kind}` 객체>",
    "check.signature.problem": "`{name}` 함수의 매개변수는 `({have})`인데, 확인 셀은 이 함수를 "
                               "인수 {count}개로 호출합니다: `{name}({want})`.",
    "check.signature.hint": "매개변수를 정확히 이렇게 정의하세요: `def {name}({want}):`",
    "check.not_callable.problem": "함수가 필요한데 `{kind}` 값을 받았습니다.",
    "check.not_callable.hint": "`()` 없이 함수 자체를 넘기세요.",
    # the student's function raised (_raised_parts)
    "check.raised.line": "({line}번째 줄)",
    "check.raised.line_code": "({line}번째 줄: `{code}`)",
    "check.raised.exit.problem": "`{name}` 함수 안에서 `exit()`가 호출되었습니다{where}.",
    "check.raised.exit.hint": "`exit()` / `sys.exit()` 호출을 지우고 결과를 `return`하세요.",
    "check.raised.problem": "`{name}` 함수에서 `{kind}` 오류가 발생했습니다: {error}{where}.",
    "check.raised.hint": "작은 예제를 만들어 별도의 셀에서 실행해 보고, 배열의 형상을 살펴보세요.",
    # what was returned cannot be used (_guarded): the hint says what to return
    "check.guard.problem": "`{name}` 함수가 반환한 값을 확인 셀이 사용할 수 없습니다: "
                           "`{kind}`: {error}.",
    "check.guard.number": "숫자 하나(`float`, 예를 들어 `np.sum`의 결과)를 반환하세요.",
    "check.guard.probability": "확률을 [0, 1] 범위의 숫자 하나로 반환하세요(예를 들어 "
                               "`np.exp`의 결과).",
    "check.guard.indices": "인덱스를 담은 NumPy 배열을 반환하세요: "
                           "`rng.choice(n, batch_size, replace=False)`.",
    "check.guard.params": "NumPy 배열을 담은 딕셔너리를 반환하세요(또는 `params`를 그 자리에서 "
                          "갱신하세요).",
    # the answer's name in the hints of _as_number ("{what} 값을 ...")
    "check.what.loss": "손실",
    "check.what.probability": "확률",
    "check.what.standard_error": "표준오차",
    "check.what.batch_size": "배치 크기",
    "check.what.share": "비율",
    "check.what.epochs": "에폭 수",
    "check.what.lr": "학습률",
    # one number expected (_as_number)
    "check.complex.hint": "결과는 실수여야 합니다. 복소수는 음수의 로그나 제곱근(`cmath`, "
                          "`np.emath`, `(-x) ** 0.5`)에서, 또는 코드에 들어간 `j`에서 생깁니다.",
    "check.number.bool.problem": "`{name}` 함수가 숫자가 아니라 `bool` 값(`{value}`)을 "
                                 "반환했습니다.",
    "check.number.bool.hint": "비교 결과가 아니라 {what} 값 자체를 반환하세요.",
    "check.number.array.problem": "`{name}` 함수가 숫자 하나가 아니라 형상이 {shape}인 배열을 "
                                  "반환했습니다.",
    "check.number.array.hint": "{what} 값은 숫자 하나입니다: `np.sum`으로 알맞은 축을 따라 "
                               "합(또는 평균)을 구하거나(`keepdims` 없이), 원소가 하나인 결과에 "
                               "`float(...)`를 적용하세요.",
    "check.number.complex.problem": "`{name}` 함수가 복소수({value})를 반환했습니다.",
    "check.number.zero_d.problem": "`{name}` 함수가 숫자가 아니라 자료형이 `{dtype}`인 0차원 "
                                   "배열을 반환했습니다.",
    "check.number.zero_d.hint": "{what} 값을 숫자로 반환하세요.",
    "check.number.string.problem": "`{name}` 함수가 숫자가 아니라 문자열({value})을 "
                                   "반환했습니다.",
    "check.number.string.hint": "텍스트가 아니라 숫자 자체를 반환하세요(`f\"...\"`, `str()`, "
                                "`print`는 쓰지 마세요).",
    "check.number.sequence.problem": "`{name}` 함수가 숫자 하나가 아니라 값 {count}개가 든 "
                                     "`{kind}` 객체를 반환했습니다.",
    "check.number.sequence.hint": "리스트가 아니라 숫자 하나로 {what} 값을 반환하세요"
                                  "(`np.sum`의 결과는 숫자 하나입니다).",
    "check.number.generator.problem": "`{name}` 함수가 숫자가 아니라 `{kind}` 객체를 "
                                      "반환했습니다.",
    "check.number.generator.hint": "`(... for ...)` 같은 제너레이터 표현식은 아직 값이 아닙니다: "
                                   "`sum(...)` 안에 넣거나, 배열에 `np.sum`을 쓰세요.",
    "check.number.other.problem": "`{name}` 함수가 숫자가 아니라 `{kind}` 값을 반환했습니다.",
    "check.number.other.hint": "{what} 값을 실수(`float`)로 반환하세요(예를 들어 `np.sum`의 "
                               "결과).",
    "check.number.overflow.problem": "`{name}` 함수가 `float`로 나타낼 수 없을 만큼 큰 정수를 "
                                     "반환했습니다.",
    "check.number.overflow.hint": "{what} 값을 실수(`float`)로 반환하세요. 이렇게 큰 정수가 "
                                  "정답일 수는 없습니다.",
    "check.number.float_refused.problem": "`{name}` 함수가 반환한 `{kind}` 값은 `float()`로 바꿀 "
                                          "수 없습니다(`{error_kind}`: {error}).",
    "check.number.float_refused.hint": "{what} 값을 실수(`float`)로 반환하세요.",
    # a wrong number no mistake explains (_number_cases); {given} is "n = 5, epochs = 1"
    "check.cases.wrong": "`{given}`일 때 `{name}` 함수의 결과는 {got}이지만, 올바른 값은 "
                         "{want}입니다.",
    # mistakes several checks recognise
    "check.mistake.sign": "부호가 반대입니다.",
    "check.mistake.log10": "밑이 10인 상용로그를 썼습니다.",
    "check.mistake.classes": "클래스 수(10)로 나눴습니다.",
    "check.mistake.divided_by_b": "B의 제곱근이 아니라 B로 나눴습니다.",
    "check.hint.minus_mean": "손실은 로그 확률의 평균에 마이너스를 붙인 값입니다.",
    # cee_single (notebook 01)
    "check.cee_single.not_finite.problem": "`y = {y}`에서 반환값이 {got}입니다.",
    "check.cee_single.not_finite.hint": "`delta`를 빠뜨렸습니다: `log(0)`이 `-inf`가 "
                                        "되었습니다(그리고 `0 * -inf`는 `nan`이 됩니다). 로그 "
                                        "안에 아주 작은 값({delta})을 더하세요: "
                                        "`np.log(y + {delta})`.",
    "check.cee_single.sign.hint": "손실은 합에 마이너스를 붙인 값입니다: "
                                  "`-np.sum(t * np.log(y + {delta}))`.",
    "check.cee_single.log10.hint": "교차 엔트로피 오차는 자연로그를 씁니다: `np.log10`이 아니라 "
                                   "`np.log`입니다.",
    "check.cee_single.every_class.problem": "모든 클래스의 로그를 더했습니다.",
    "check.cee_single.every_class.hint": "원-핫 인코딩된 `t`를 곱해서 정답 클래스만 남기세요: "
                                         "`t * np.log(y + {delta})`.",
    "check.cee_single.classes.hint": "데이터 하나라면 클래스에 대해 합을 구하세요: `np.mean`이 "
                                     "아니라 `np.sum`입니다.",
    "check.cee_single.big_delta.problem": "`delta`가 너무 큽니다.",
    "check.cee_single.big_delta.hint": "`delta`는 {delta} 정도가 알맞습니다: `log(0)`을 피하기에는 "
                                       "충분하고, 다른 값을 바꾸기에는 너무 작은 값입니다.",
    "check.cee_single.wrong.problem": "`y = {y}`, 정답 클래스 {label}일 때 반환값은 {got}이지만, "
                                      "올바른 값은 {want}입니다.",
    "check.cee_single.wrong.hint": "식은 `E = -sum_k t_k log(y_k + {delta})`입니다.",
    "check.cee_single.correct": "책에 나온 값(0.5108과 2.3026)이 그대로 나오고, `y = 0`도 "
                                "`delta`로 처리하며, `float32`에서도 동작합니다.",
    # prob_from_loss (notebook 01)
    "check.prob.exp_plus.problem": "`exp(+E)`를 반환했습니다: 확률은 1보다 클 수 없습니다.",
    "check.prob.exp_plus.hint": "`E = -log(y)`이므로 `log(y) = -E`입니다: 마이너스 부호에 "
                                "주의하세요.",
    "check.prob.base10.problem": "밑을 10으로 썼습니다: `10 ** -E`.",
    "check.prob.base10.hint": "손실은 자연로그(`np.log`)를 쓰므로 `np.exp`로 되돌리세요.",
    "check.prob.log_again.problem": "`-log(E)`를 한 번 더 계산했습니다.",
    "check.prob.log_again.hint": "로그는 역함수로 되돌리세요: `E = -log(y)`이면 "
                                 "`y = np.exp(-E)`입니다.",
    "check.prob.inverse.problem": "`1 / E`를 반환했습니다.",
    "check.prob.inverse.hint": "로그는 그 역함수인 `np.exp`로 되돌리세요.",
    "check.prob.complement.problem": "`1 - exp(-E)`를 반환했습니다: 이것은 오답 클래스들의 확률을 "
                                     "모두 더한 값입니다.",
    "check.prob.complement.hint": "손실은 정답 클래스의 확률만 봅니다: `y = np.exp(-E)`.",
    "check.prob.wrong.problem": "`E = {e}`일 때 반환값은 {got}이지만, 올바른 값은 {want}입니다.",
    "check.prob.wrong.hint": "`E = -log(y)`를 `y`에 대해 푸세요(`np.log`의 역함수는 "
                             "`np.exp`입니다).",
    "check.prob.correct": "손실 0.5108은 `y = 0.6`, 2.3026은 `y = 0.1`, 9는 약 `1.2e-4`, 0은 "
                          "확실한 `y = 1`에 해당합니다.",
    # cee_batch_labels (notebook 02)
    "check.batch.not_finite.problem": "정답 클래스의 확률이 0인 데이터가 있어서 손실 값이 "
                                      "{got}입니다.",
    "check.batch.not_finite.hint": "`delta`를 빠뜨렸습니다: `log(0)`이 `-inf`가 되었습니다. "
                                   "`np.log(y[...] + {delta})`처럼 쓰세요.",
    "check.batch.no_mean.problem": "배치 크기 N으로 나누는 것을 빠뜨렸습니다.",
    "check.batch.no_mean.hint": "합을 배치 크기(`batch_size = y.shape[0]`)로 나눠서 손실이 N에 "
                                "따라 커지지 않게 하세요.",
    "check.batch.classes.problem": "배치 크기가 아니라 클래스 수(10)로 나눴습니다.",
    "check.batch.classes.hint": "데이터 수인 배치 크기(`batch_size = y.shape[0]`)로 나누세요.",
    "check.batch.columns.problem": "`y[:, t]`로 인덱싱해서 모든 행에서 열 N개를 골랐습니다.",
    "check.batch.columns.hint": "행마다 원소를 하나씩만 고르세요: "
                                "`y[np.arange(batch_size), t]`.",
    "check.batch.every_class.problem": "정답 클래스만이 아니라 모든 클래스의 로그를 구했습니다.",
    "check.batch.every_class.hint": "각 행에서 정답 클래스를 고르세요: "
                                    "`y[np.arange(batch_size), t]`.",
    "check.batch.log10.hint": "자연로그 `np.log`를 쓰세요.",
    "check.batch.wrong.problem": "크기가 {n}인 배치에서 반환값은 {got}이지만, 올바른 값은 "
                                 "{want}입니다.",
    "check.batch.wrong.hint": "식은 `E = -1/N sum_n log(y[n, t_n] + {delta})`입니다.",
    "check.batch.correct": "레이블 형태의 배치용 교차 엔트로피 오차가 크기 1, 4, 5, 7인 "
                           "배치에서 모두 맞습니다(`delta` 포함).",
    # cee_labels_both (notebook 02): the hidden cases, then the messages
    "check.both.case.batch": "크기가 6인 배치에 형상이 (6,)인 레이블이 주어진 경우",
    "check.both.case.int": "형상이 (10,)인 데이터 하나 `y`에 파이썬 `int` 레이블 2가 주어진 경우",
    "check.both.case.np_int": "형상이 (10,)인 데이터 하나 `y`에 레이블 `np.int64(7)`이 주어진 경우",
    "check.both.case.float32": "형상이 (10,)인 `float32` 데이터 하나에 파이썬 `int` 레이블 4가 "
                               "주어진 경우",
    "check.both.no_reshape.problem": "{what}, {problem}",
    "check.both.no_reshape.hint": "여기서 `t`는 어떤 타입일까요(`print(type(t))`로 확인해 "
                                  "보세요)? `int`, `np.int64`, `np.ndarray` 가운데 `.reshape` "
                                  "메서드가 있는 것은 무엇일까요? 그래도 막히면 확인 셀 아래의 "
                                  "'풀이 보기'를 펼쳐 보세요.",
    "check.both.every_class.problem": "{what}, 모든 클래스의 로그를 구했습니다.",
    "check.both.every_class.hint": "정답 클래스의 확률 `y[t]`만 고르세요.",
    "check.both.classes.hint": "데이터 수(`y`를 2차원으로 만든 뒤의 `y.shape[0]`)로 나누세요.",
    "check.both.wrong.problem": "{what}, 반환값은 {got}이지만 올바른 값은 {want}입니다.",
    "check.both.wrong.hint": "먼저 데이터 하나를 크기 1인 배치로 만든 다음(`y`의 형상은 (1, 10), "
                             "`t`의 형상은 (1,)) 배치용 식을 쓰세요.",
    "check.both.correct": "레이블 형태의 배치용 교차 엔트로피 오차가 배치에서도, `int` 레이블이 "
                          "주어진 데이터 하나에서도 도우미 함수의 구현처럼 동작합니다.",
    # the indices of a mini-batch (_indices)
    "check.indices.hint": "`rng.choice(n, batch_size, replace=False)`의 결과를 반환하세요.",
    "check.indices.generator.problem": "`{name}` 함수가 인덱스 배열이 아니라 `{kind}` 객체를 "
                                       "반환했습니다.",
    "check.indices.generator.hint": "제너레이터는 아직 배열이 아닙니다: {hint}",
    "check.indices.not_array.problem": "`{name}` 함수가 반환한 `{kind}` 값은 인덱스 배열이 "
                                       "아닙니다.",
    "check.indices.shape.problem": "`n = {n}`, `batch_size = {b}`일 때 반환값의 형상은 "
                                   "{shape}이지만, 올바른 값은 ({b},)입니다.",
    "check.indices.shape.hint": "이미지가 아니라 인덱스 `batch_size`개를 담은 배열을 반환하세요.",
    "check.indices.dtype.problem": "인덱스의 자료형이 정수가 아니라 `{dtype}`입니다.",
    "check.indices.use_choice": "다음처럼 뽑으세요: `rng.choice(n, batch_size, replace=False)`.",
    "check.indices.outside.problem": "0..{top} 범위를 벗어난 인덱스가 있습니다.",
    "check.indices.outside.hint": "`range(n)`에서 뽑으세요: `rng.choice(n, ...)`.",
    "check.indices.repeats.problem": "{n}개 중에서 뽑은 크기 {b}의 배치에 중복된 인덱스가 "
                                     "{repeats}개 있습니다.",
    "check.indices.repeats.hint": "배치에 같은 데이터가 되풀이됩니다. 비복원 추출"
                                  "(`replace=False`)로 뽑으세요: "
                                  "`rng.choice(n, batch_size, replace=False)`.",
    # sample_without_replacement
    "check.sample.not_random.problem": "배치가 무작위가 아닙니다.",
    "check.sample.same_seed.problem": "같은 시드로 두 번 호출했는데 서로 다른 배치가 나왔습니다.",
    "check.sample.same_seed.hint": "인수로 받은 `rng`로 뽑으세요(`rng.choice`). `np.random.*` "
                                   "함수나 새로 만든 생성기는 쓰지 마세요.",
    "check.sample.other_seed.problem": "시드가 다른데 같은 배치가 나왔습니다.",
    "check.sample.other_seed.hint": "직접 정한 고정 시드가 아니라 인수로 받은 `rng`로 뽑으세요.",
    "check.sample.correct": "인덱스가 서로 다르고, 길이와 범위가 맞고, 주어진 `rng`로 재현되며, "
                            "균등한 무작위 부분집합입니다.",
    # the statistical case (_randomness_problem)
    "check.random.where": "{n}개 중 {b}개씩 뽑은 배치 {rounds}개(고정 시드)에서",
    "check.random.hint": "모든 데이터가 다른 데이터와 상관없이 같은 확률로 뽑혀야 합니다: "
                         "`rng.choice(n, batch_size, replace=False)`.",
    "check.random.neighbours.blocks": "연속된 구간이나 이웃한 인덱스가 이어진 묶음은",
    "check.random.neighbours.spaced": "일정한 간격으로 놓인 인덱스는",
    "check.random.neighbours.problem": "배치가 무작위 부분집합이 아닙니다: {where} 이웃한 인덱스 "
                                       "쌍(i와 i + 1) {pairs}개가 같은 배치에 들어갔는데, 무작위 "
                                       "배치라면 약 {expected}개입니다. {shape} 무작위 미니배치가 "
                                       "아닙니다.",
    "check.random.gaps.regular": "너무 규칙적입니다",
    "check.random.gaps.clustered": "너무 몰려 있습니다",
    "check.random.gaps.problem": "배치가 무작위 부분집합이 아닙니다: {where} 정렬한 인덱스 사이의 "
                                 "간격이 {kind}(간격의 표준편차 / 평균이 {cv}이며, 무작위 배치는 "
                                 "약 0.94입니다).",
    "check.random.tenths.problem": "배치가 무작위 부분집합이 아닙니다: {where} 인덱스 {total}개 중 "
                                   "{count}개가 {lo}..{hi}에 있는데, 무작위 배치라면 `range(n)`을 "
                                   "10등분한 구간마다 약 {each}개씩 들어갑니다.",
    # standard_error
    "check.se.divided_by_b.hint": "평균의 퍼짐은 `1/sqrt(B)`에 비례해 줄어듭니다: "
                                  "`sigma / np.sqrt(batch_size)`.",
    "check.se.variance.problem": "평균의 분산(`sigma^2 / B`)을 반환했습니다.",
    "check.se.variance.hint": "제곱근을 취하세요: `sigma / np.sqrt(batch_size)`.",
    "check.se.root_of_all.problem": "`sigma / B` 전체의 제곱근을 구했습니다.",
    "check.se.root_of_all.hint": "제곱근 안에는 B만 들어갑니다: `sigma / np.sqrt(batch_size)`.",
    "check.se.multiplied.problem": "`sqrt(B)`를 곱했습니다.",
    "check.se.multiplied.hint": "배치가 클수록 오차는 작아집니다. 곱하지 말고 나누세요: "
                                "`sigma / np.sqrt(batch_size)`.",
    "check.se.wrong.problem": "`sigma = {sigma}`, `B = {b}`일 때 반환값은 {got}이지만, 올바른 값은 "
                              "{want}입니다.",
    "check.se.wrong.hint": "표준오차는 `SE = sigma / sqrt(B)`입니다.",
    "check.se.correct": "`sigma / sqrt(B)`: 데이터 100개의 평균은 퍼짐이 데이터 하나의 "
                        "10분의 1입니다.",
    # batch_size_for (notebook 03)
    "check.bsf.ratio.problem": "제곱하지 않고 `sigma / target`을 반환했습니다.",
    "check.bsf.solve.hint": "`sigma / sqrt(B) = target`을 B에 대해 푸세요: "
                            "`B = (sigma / target) ** 2`.",
    "check.bsf.ratio_up.problem": "제곱하지 않고 `sigma / target`을 올림해서 반환했습니다.",
    "check.bsf.upside_down.problem": "분자와 분모를 뒤집어 `target / sigma`를 제곱했습니다.",
    "check.bsf.upside_down.hint": "목표 오차가 작을수록 배치는 더 커야 합니다: "
                                  "`(sigma / target) ** 2`.",
    "check.bsf.nearest.problem": "가장 가까운 정수로 반올림했습니다. 그러면 배치가 너무 작을 수 "
                                 "있습니다.",
    "check.bsf.round_up.hint": "올림하세요(`math.ceil`): 오차가 목표 이하가 되는 가장 작은 B를 "
                               "찾는 문제입니다.",
    "check.bsf.down.problem": "내림했습니다: 그 배치는 조금 작습니다.",
    "check.bsf.unrounded.problem": "올림하지 않고 `(sigma / target) ** 2`를 그대로 "
                                   "반환했습니다: 배치 크기는 이미지 개수이므로 정수입니다.",
    "check.bsf.unrounded.hint": "`math.ceil`로 올림하세요: 충분한 B 가운데 가장 작은 정수가 "
                                "답입니다.",
    "check.bsf.one_larger.problem": "`sigma = {sigma}`, `target = {target}`일 때 반환값은 "
                                    "{got}이지만, 올바른 값은 {want}입니다: 가장 작은 배치 "
                                    "크기보다 1만큼 큽니다.",
    "check.bsf.one_smaller.problem": "`sigma = {sigma}`, `target = {target}`일 때 반환값은 "
                                     "{got}이지만, 올바른 값은 {want}입니다: 가장 작은 배치 "
                                     "크기보다 1만큼 작습니다.",
    "check.bsf.one_off.hint": "`math.ceil((sigma / target) ** 2)`에서 아무것도 더하거나 빼지 "
                              "마세요.",
    "check.bsf.wrong.problem": "`{name}({sigma}, {target})`의 반환값은 {got}이지만, 올바른 값은 "
                               "{want}입니다.",
    "check.bsf.wrong.hint": "`SE = sigma / sqrt(B)`를 B에 대해 거꾸로 푸세요: "
                            "`(sigma / target) ** 2`를 올림한 값이 B입니다.",
    "check.bsf.correct": "B = `(sigma / target)²`의 올림: 오차를 절반으로 줄이려면 이미지가 네 배 "
                         "필요합니다.",
    # standard_error_from_sample (notebook 03)
    "check.sfs.spread.problem": "표본의 표준편차, 즉 이미지 한 장의 손실이 갖는 오차를 "
                                "반환했습니다.",
    "check.sfs.spread.hint": "손실 B개의 평균은 참값에 `sqrt(B)`배 더 가깝습니다: "
                             "`np.sqrt(len(batch_losses))`로 나누세요.",
    "check.sfs.divided_by_b.hint": "평균의 퍼짐은 `1/sqrt(B)`에 비례해 줄어듭니다: "
                                   "`np.sqrt(len(batch_losses))`로 나누세요.",
    "check.sfs.variance.problem": "평균의 분산(표준편차의 제곱을 B로 나눈 값)을 반환했습니다.",
    "check.sfs.variance.hint": "제곱근을 취하세요: "
                               "`batch_losses.std() / np.sqrt(len(batch_losses))`.",
    "check.sfs.mean_over_root.problem": "표준편차가 아니라 평균을 `sqrt(B)`로 나눴습니다.",
    "check.sfs.mean_over_root.hint": "표준오차는 표본의 표준편차(`np.std`)를 `sqrt(B)`로 나눈 "
                                     "값입니다.",
    "check.sfs.estimate.problem": "오차가 아니라 추정값 자체(표본 평균)를 반환했습니다.",
    "check.sfs.estimate.hint": "오차는 표본의 표준편차를 `sqrt(B)`로 나눈 값입니다: "
                               "`batch_losses.std() / sqrt(B)`.",
    "check.sfs.wrong.problem": "손실 {b}개로 이루어진 표본에서 반환값은 {got}이지만, 올바른 값은 "
                               "{want}입니다.",
    "check.sfs.wrong.hint": "`sigma`를 표본 자신의 표준편차로 추정하세요: "
                            "`batch_losses.std() / np.sqrt(len(batch_losses))`.",
    "check.sfs.correct": "표본의 표준편차를 `sqrt(B)`로 나눈 값: 배치 하나로 추정값과, 그 "
                         "추정값이 보통 얼마나 빗나가는지를 함께 알 수 있습니다.",
    # one parameter after sgd_step (_param_problem)
    "check.param.not_array.problem": "`{param}`의 값이 NumPy 배열이 아니라 `{kind}` 객체입니다.",
    "check.param.not_array.hint": "배열을 그대로 유지하세요: `params[key] -= lr * grads[key]`"
                                  "(또는 `params[key] = params[key] - lr * grads[key]`).",
    "check.param.complex.problem": "`{param}`의 자료형이 복소수 `{dtype}`입니다: 매개변수는 "
                                   "실수로 남아야 합니다.",
    "check.param.dtype.problem": "`{param}`의 자료형이 실수가 아니라 `{dtype}`입니다.",
    "check.param.dtype.hint": "`params[key] - lr * grads[key]`는 실수 배열 그대로입니다: "
                              "`astype(int)`도, 반올림도 하지 마세요.",
    "check.param.shape.problem": "`{param}`의 형상이 바뀌었습니다: {old} → {new}.",
    "check.param.shape.hint": "원소별로 빼세요: `params[key] - lr * grads[key]`의 형상은 "
                              "`params[key]`와 같습니다.",
    "check.param.not_finite.problem": "`{param}`에 `NaN`이나 `inf`가 들어 있습니다.",
    "check.param.not_finite.hint": "`params[key] -= lr * grads[key]`만 하면 됩니다.",
    # sgd_step
    "check.sgd.not_dict.problem": "`{name}` 함수가 매개변수 딕셔너리가 아니라 `{kind}` 값을 "
                                  "반환했습니다.",
    "check.sgd.not_dict.hint": "모든 키에 대해 `params[key]`를 갱신하고 `params`를 반환하세요.",
    "check.sgd.missing.problem": "결과에 {missing} 키가 없습니다.",
    "check.sgd.missing.hint": "모든 키를 빠짐없이 돌며 갱신하세요: `for key in params: ...`",
    "check.sgd.unchanged.problem": "`{param}`의 값이 바뀌지 않았습니다.",
    "check.sgd.unchanged.hint": "모든 매개변수를 갱신하세요: "
                                "`for key in ('W1', 'b1', 'W2', 'b2')`.",
    "check.sgd.ascent.problem": "기울기 방향으로 올라갔습니다(경사 상승법): 이러면 손실이 "
                                "커집니다.",
    "check.sgd.ascent.hint": "빼세요: `params[key] -= lr * grads[key]`.",
    "check.sgd.no_lr.problem": "학습률을 빠뜨렸습니다.",
    "check.sgd.no_lr.hint": "갱신량에 학습률을 곱하세요: `params[key] -= lr * grads[key]`.",
    "check.sgd.replaced.problem": "매개변수를 갱신량으로 바꿔 버렸습니다.",
    "check.sgd.replaced.hint": "원래 값에서 빼세요: `params[key] - lr * grads[key]`.",
    "check.sgd.wrong.problem": "`{param}`의 값이 다음과 다릅니다: "
                               "`params[{param_repr}] - lr * grads[{param_repr}]`.",
    "check.sgd.wrong.hint": "이렇게 갱신하세요: `params[key] -= lr * grads[key]`.",
    "check.sgd.correct": "모든 매개변수가 `-lr` × 기울기만큼 움직였습니다.",
    # unseen_share (notebook 04)
    "check.unseen.limit.problem": "`n = {n}`일 때 답이 `e**-{epochs}` = {got}입니다: 이것은 "
                                  "이미지가 아주 많을 때의 극한이지, 이미지 {n}장일 때의 비율이 "
                                  "아닙니다.",
    "check.unseen.limit.hint": "한 번 뽑을 때 특정 이미지가 뽑히지 않을 확률은 `1 - 1/n`입니다. "
                               "이 확률을 뽑는 횟수만큼 곱하세요.",
    "check.unseen.one_epoch.problem": "`epochs = {epochs}`인데 1에폭이 지난 뒤의 비율을 "
                                      "구했습니다.",
    "check.unseen.one_epoch.hint": "1에폭은 n번 뽑는 것이므로 `epochs`에폭은 `epochs * n`번 뽑는 "
                                   "것입니다.",
    "check.unseen.drawn.problem": "한 번 이상 뽑힌 이미지의 비율을 구했습니다.",
    "check.unseen.drawn.hint": "문제는 한 번도 뽑히지 않은 이미지를 묻습니다: 1에서 지금 답을 "
                               "빼세요.",
    "check.unseen.drawn_chance.problem": "빠질 확률이 아니라 뽑힐 확률 `1/n`을 곱했습니다.",
    "check.unseen.drawn_chance.hint": "한 번 뽑을 때 특정 이미지가 빠질 확률은 `1 - 1/n`입니다.",
    "check.unseen.hint": "`epochs * n`번 뽑는 동안 매번 특정 이미지가 빠질 확률은 "
                         "`1 - 1/n`입니다.",
    "check.unseen.correct": "`(1 - 1/n) ** (epochs * n)`: 이미지가 많으면 약 `e**-epochs`입니다.",
    # epochs_of_run (notebook 04)
    "check.epochs.hint": "1에폭은 갱신 `n / batch_size`회입니다.",
    "check.epochs.by_batch.problem": "갱신 횟수를 에폭당 갱신 횟수가 아니라 배치 크기로 "
                                     "나눴습니다.",
    "check.epochs.upside_down.problem": "답이 거꾸로(역수로) 되었습니다.",
    "check.epochs.upside_down.hint": "에폭 수 = 갱신 횟수 / (에폭당 갱신 횟수) = "
                                     "`iters_num / (n / batch_size)`.",
    "check.epochs.multiplied.problem": "에폭당 갱신 횟수로 나누지 않고 곱했습니다.",
    "check.epochs.multiplied.hint": "에폭 수 = `iters_num / (n / batch_size)`.",
    "check.epochs.whole.problem": "다 끝난 에폭만 셌습니다.",
    "check.epochs.whole.hint": "학습은 에폭 중간에 끝날 수도 있습니다: 소수 부분까지 반환하세요.",
    "check.epochs.no_batch.problem": "배치 크기를 빠뜨렸습니다: 갱신 한 번마다 이미지 "
                                     "`batch_size`장을 봅니다.",
    "check.epochs.correct": "`iters_num / (n / batch_size)`: 책의 갱신 10,000회는 배치 크기 "
                            "100이면 16.67에폭이지만, 배치 크기 20이면 3.33에폭뿐입니다.",
    # lr_same_ground (notebook 04)
    "check.lr.hint": "`lr / batch_size`를 그대로 유지하세요.",
    "check.lr.upside_down.problem": "답이 거꾸로입니다: 배치가 작을수록 에폭당 갱신 횟수가 "
                                    "많아지므로 한 번의 갱신 폭은 더 작아야 합니다.",
    "check.lr.root.problem": "에폭당 갱신 횟수가 아니라 배치 크기의 제곱근(배치의 잡음)에 맞춰 "
                             "조정했습니다.",
    "check.lr.root.hint": "1에폭 동안 `lr` × 기울기 정도의 갱신을 `n / batch_size`회 합니다: "
                          "`lr / batch_size`를 유지하세요.",
    "check.lr.kept.problem": "학습률을 그대로 두었습니다: 그러면 배치가 5배 작을 때 에폭당 이동 "
                             "거리가 약 5배가 됩니다.",
    "check.lr.correct": "`lr * new_batch_size / batch_size`: 배치 크기 20에 학습률 0.02면 배치 "
                        "크기 100에 학습률 0.1일 때와 에폭당 이동 거리가 거의 같습니다(갱신 횟수는 "
                        "5배, 한 번의 폭은 5분의 1).",
}

#: Entries without Hangul on purpose: pure notation (tests/test_i18n.py).
SAME = {"check.both.no_reshape.problem"}
