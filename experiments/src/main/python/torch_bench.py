#!/usr/bin/env python3
"""PyTorch side of SlimNAS's benchmarks: builds the network of a SlimNAS architecture JSON
(schema slimnas.arch v1) in PyTorch and measures training or inference throughput on random data.

Usage: torch_bench.py ARCH.json --batch 64 --steps 20 --warmup 3 --threads 2 [--mode train|infer]
Prints one JSON line: {"images_per_s": ..., "params": ..., "peak_rss_mb": ..., "torch": ...}.
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


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("arch")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--mode", choices=["train", "infer"], default="train")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
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

        def step():
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
    else:
        model.eval()

        def step():
            with torch.no_grad():
                model(x)
    for _ in range(args.warmup):
        step()
    t0 = time.perf_counter()
    for _ in range(args.steps):
        step()
    dt = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"images_per_s": args.batch * args.steps / dt, "params": params, "peak_rss_mb": rss_mb,
                      "torch": torch.__version__, "threads": torch.get_num_threads(), "mode": args.mode}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
