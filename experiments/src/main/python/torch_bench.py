#!/usr/bin/env python3
"""PyTorch side of SlimNAS's benchmarks: builds the network of a SlimNAS architecture JSON
(schema slimnas.arch v1) in PyTorch and measures training or inference throughput on random data.

Usage: torch_bench.py ARCH.json --batch 64 --steps 20 --warmup 3 --threads 2 [--mode train|infer]
                      [--profile-steps N]
Prints one JSON line: {"images_per_s": ..., "params": ..., "peak_rss_mb": ..., "torch": ...}; with
--profile-steps (training only) also "profile": phases of a step (forward, backward, updater) and time per
layer type from torch.profiler, in the same shape as SlimNAS's DL4J profile (dev.slimnas.bench.StepProfile).
Needs Debian's python3-torch (PyTorch 1.13, CPU).
"""
import argparse
import json
import resource
import sys
import time

import torch
import torch.nn as nn


def act(name):
    return nn.ReLU6(inplace=True) if name == "relu6" else nn.ReLU(inplace=True)


def conv_bn(cin, cout, k, stride, groups, activation):
    layers = [nn.Conv2d(cin, cout, k, stride, k // 2, groups=groups, bias=False), nn.BatchNorm2d(cout)]
    if activation:
        layers.append(act(activation))
    return layers


class SE(nn.Module):
    def __init__(self, hidden, reduced):
        super().__init__()
        self.reduce = nn.Conv2d(hidden, reduced, 1, bias=True)
        self.expand = nn.Conv2d(reduced, hidden, 1, bias=True)

    def forward(self, x):
        s = x.mean((2, 3), keepdim=True)
        s = torch.relu(self.reduce(s))
        return x * torch.sigmoid(self.expand(s))


class Block(nn.Module):
    def __init__(self, cin, cout, stride, op, hidden, se, activation):
        super().__init__()
        k, e = parse_op(op)
        layers = []
        if e != 1:
            layers += conv_bn(cin, hidden, 1, 1, 1, activation)
        layers += conv_bn(hidden, hidden, k, stride, hidden, activation)
        if se > 0:
            layers.append(SE(hidden, se))
        layers += conv_bn(hidden, cout, 1, 1, 1, None)
        self.body = nn.Sequential(*layers)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        y = self.body(x)
        return x + y if self.residual else y


def parse_op(op):
    body = op.split("+")[0]
    k, e = body[1:].split("e")
    return int(k), int(e)


def build(arch):
    a = arch["activation"]
    stem = arch["stem"]
    layers = conv_bn(arch["input"]["channels"], stem["channels"], stem["kernel"], stem["stride"], 1, a)
    cin = stem["channels"]
    for st in arch["stages"]:
        for i, b in enumerate(st["blocks"]):
            stride = st["stride"] if i == 0 else 1
            if b["op"] != "skip":
                layers.append(Block(cin, st["out"], stride, b["op"], b["hidden"], b["se"], a))
            cin = st["out"]
    head = arch["head"]
    layers += conv_bn(cin, head["channels"], 1, 1, 1, a)
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(head["dropout"]),
               nn.Linear(head["channels"], arch["classes"])]
    return nn.Sequential(*layers)


FORWARD_CATEGORY = {
    "aten::batch_norm": "BN + activation", "aten::add_": "BN + activation", "aten::relu_": "BN + activation", "aten::relu": "BN + activation",
    "aten::hardtanh_": "BN + activation", "aten::hardtanh": "BN + activation", "aten::add": "residual add",
    "aten::adaptive_avg_pool2d": "global pool", "aten::flatten": "global pool", "aten::dropout": "classifier (dense, softmax, loss)",
    "aten::linear": "classifier (dense, softmax, loss)", "aten::cross_entropy_loss": "classifier (dense, softmax, loss)",
    "aten::mean": "SE (pool, dense, scale)", "aten::sigmoid": "SE (pool, dense, scale)", "aten::mul": "SE (pool, dense, scale)",
}
BACKWARD_CATEGORY = {
    "NativeBatchNormBackward0": "BN + activation", "ReluBackward0": "BN + activation", "HardtanhBackward0": "BN + activation",
    "ThresholdBackward0": "BN + activation", "AddBackward0": "residual add", "MeanBackward1": "global pool",
    "ViewBackward0": "global pool", "ReshapeAliasBackward0": "global pool", "AddmmBackward0": "classifier (dense, softmax, loss)",
    "TBackward0": "classifier (dense, softmax, loss)", "NllLossBackward0": "classifier (dense, softmax, loss)",
    "LogSoftmaxBackward0": "classifier (dense, softmax, loss)", "MulBackward0": "SE (pool, dense, scale)",
    "SigmoidBackward0": "SE (pool, dense, scale)", "NegBackward0": "classifier (dense, softmax, loss)",
    "SumBackward0": "classifier (dense, softmax, loss)", "MulBackward1": "classifier (dense, softmax, loss)",
    "IndexPutBackward0": "classifier (dense, softmax, loss)", "MaskedSelectBackward0": "classifier (dense, softmax, loss)", "DivBackward0": "classifier (dense, softmax, loss)",
    "MeanBackward0": "classifier (dense, softmax, loss)", "SumBackward1": "classifier (dense, softmax, loss)",
    "torch::autograd::AccumulateGrad": "gradient accumulation",
}
EVALUATE = "autograd::engine::evaluate_function: "
OTHER = "other (small ops)"


def conv_category(weight_shape):
    """conv 1x1, depthwise conv KxK or conv KxK from a weight shape [out, in/groups, k, k]."""
    if not weight_shape or len(weight_shape) != 4:
        return "conv (unknown shape)"
    _, per_group, kh, kw = weight_shape
    if kh == 1 and kw == 1:
        return "conv 1x1"
    if per_group == 1:
        return "depthwise conv %dx%d" % (kh, kw)
    return "conv %dx%d" % (kh, kw)


def shapes_below(event, name):
    """input_shapes of the first event called name in event's subtree (including itself)."""
    stack = [event]
    while stack:
        e = stack.pop()
        if e.name == name and e.input_shapes:
            return e.input_shapes
        stack.extend(e.cpu_children)
    return None


def anchor_category(e):
    """(phase, category) of a top-level op of a training step."""
    name = e.name
    if name.startswith("Optimizer."):
        return "updater", "optimizer"
    if name.startswith(EVALUATE):
        node = name[len(EVALUATE):]
        if node == "ConvolutionBackward0":
            s = shapes_below(e, "aten::convolution_backward")
            return "backward", conv_category(s[2] if s and len(s) > 2 else None)
        return "backward", BACKWARD_CATEGORY.get(node, OTHER)
    if name == "aten::conv2d":
        return "forward", conv_category(e.input_shapes[1] if e.input_shapes and len(e.input_shapes) > 1 else None)
    return "forward", FORWARD_CATEGORY.get(name, OTHER)


def profile_step(step_parts, steps):
    """Phases of a training step (timed without the profiler), then time per layer type (torch.profiler)."""
    forward, backward, update = step_parts
    sums = {"forward": 0.0, "backward": 0.0, "updater": 0.0}
    t_all = time.perf_counter()
    for _ in range(steps):
        t0 = time.perf_counter()
        loss = forward()
        t1 = time.perf_counter()
        backward(loss)
        t2 = time.perf_counter()
        update()
        t3 = time.perf_counter()
        sums["forward"] += t1 - t0
        sums["backward"] += t2 - t1
        sums["updater"] += t3 - t2
    fit_ms = (time.perf_counter() - t_all) * 1000 / steps
    phases = {k: v * 1000 / steps for k, v in sums.items()}
    phases["other"] = max(0.0, fit_ms - sum(phases.values()))
    from torch.profiler import profile, ProfilerActivity
    with profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:
        for _ in range(steps):
            with torch.profiler.record_function("slimnas_step"):
                backward(forward())
                update()
    cats = {}
    for e in prof.events():
        if e.cpu_parent is None or e.cpu_parent.name != "slimnas_step":
            continue
        phase, cat = anchor_category(e)
        if phase == "updater":
            continue  # the optimizer is in the phases; categories are layer types, like DL4J's
        c = cats.setdefault(cat, [0.0, 0.0])
        c[1 if phase != "forward" else 0] += e.cpu_time_total / 1000.0 / steps
    categories = [{"category": k, "vertices": 0, "forwardMs": v[0], "backwardMs": v[1]} for k, v in cats.items()]
    categories.sort(key=lambda c: -(c["forwardMs"] + c["backwardMs"]))
    return {"steps": steps, "fitMs": fit_ms, "phasesMs": phases, "categories": categories, "slowest": [],
            "method": "phases: perf_counter around forward+loss, backward, optimizer step (zero_grad included); "
                      "layer types: torch.profiler CPU time of each top-level op of a step (backward ops by "
                      "autograd node), with its overhead"}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("arch")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--mode", choices=["train", "infer"], default="train")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--profile-steps", type=int, default=0,
                   help="after the timed steps, profile this many training steps (default 0: none)")
    args = p.parse_args()
    if args.profile_steps > 0 and args.mode != "train":
        p.error("--profile-steps needs --mode train")
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    with open(args.arch) as f:
        arch = json.load(f)
    model = build(arch)
    res = arch["input"]["resolution"]
    x = torch.randn(args.batch, arch["input"]["channels"], res, res)
    y = torch.randint(0, arch["classes"], (args.batch,))
    params = sum(p.numel() for p in model.parameters())
    if args.mode == "train":
        model.train()
        opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, nesterov=True, weight_decay=4e-5)
        loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)

        def forward():
            return loss_fn(model(x), y)

        def backward(loss):
            loss.backward()

        def update():
            opt.step()
            opt.zero_grad(set_to_none=True)

        def step():
            backward(forward())
            update()
    else:
        model.eval()

        def step():
            with torch.no_grad():
                model(x)
    for _ in range(args.warmup):
        step()
    t0 = time.perf_counter()
    c0 = time.process_time()
    for _ in range(args.steps):
        step()
    dt = time.perf_counter() - t0
    cpu = time.process_time() - c0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    result = {"images_per_s": args.batch * args.steps / dt, "params": params, "peak_rss_mb": rss_mb,
              "torch": torch.__version__, "threads": torch.get_num_threads(), "mode": args.mode,
              "cpu_per_wall": cpu / dt}
    if args.profile_steps > 0:
        result["profile"] = profile_step((forward, backward, update), args.profile_steps)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
