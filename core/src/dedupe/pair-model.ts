// Written by `npm run train:repeat` (eval/src/train-repeat.ts) from the labelled tuning splits (dev, dev2, dev3, dev4, dev5, dev6, dev7, dev8, dev9, dev10, dev11, dev12, dev13, dev14, dev15, dev16, dev17, dev18, dev19, dev20, dev21, dev22, dev23). Do not edit by hand.
import type { RepeatPairModel } from './pair.js';

export const REPEAT_PAIR_MODEL: RepeatPairModel = {
  "bias": -4.0374,
  "weights": {
    "between": -0.9351,
    "bigram_overlap_min": 1.5001,
    "cue": 1.1001,
    "cue_names_channel": 0.3022,
    "follow_up": -0.6437,
    "gap_24h": 0.1719,
    "gap_30m": 1.0518,
    "gap_3h": -0.2267,
    "gap_log": -1.8418,
    "latest": 0.26,
    "length_ratio": -0.4562,
    "names_its_channel": 0.4614,
    "news": -0.3355,
    "no_answer": -0.934,
    "no_answer_both": 0.3399,
    "numbers_new": -0.0125,
    "numbers_shared": 0.7468,
    "overlap_x_other_channel": 1.3568,
    "overlap_x_plain": 0.8026,
    "overlap_x_refers_back": 0.8174,
    "question": -0.7211,
    "quoted_overlap": 1.2388,
    "refers_back": 0.3701,
    "refers_back_its_channel": -0.4787,
    "same_channel": -0.7422,
    "shingle_jaccard": 1.3522,
    "short": 0.095,
    "thanks": -0.0675,
    "time_back": -0.1893,
    "unit_overlap_min": 1.4153,
    "unit_shared": 0.4456,
    "word_overlap_max": 1.4924,
    "word_overlap_min": 1.7431,
    "word_shared": 0.9155
  },
  "threshold": 0.4
};
