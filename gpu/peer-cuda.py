"""Runs the PyTorch peer of `scalecast bench` (shared/peer/torch_gpt_bench.py, which times the CPU)
on a CUDA device, unchanged: every tensor it makes goes to the device (torch's default device), and
its clock waits for the device first, since CUDA kernels run asynchronously and an unsynchronised
clock would time only their launches.

  python gpu/peer-cuda.py PEER.py [--device cuda|cpu] [--tf32] -- PEER_ARGS...

--tf32 lets cuBLAS use TF32 tensor cores for fp32 matmuls, as `scalecast bench --precision tf32`
does through TORCH_ALLOW_TF32_CUBLAS_OVERRIDE. Prints the peer's JSON line.
"""
import runpy
import sys
import time

import torch


def main():
    args = sys.argv[1:]
    if "--" not in args or not args:
        sys.exit("usage: peer-cuda.py PEER.py [--device cuda|cpu] [--tf32] -- PEER_ARGS...")
    cut = args.index("--")
    own, peer_args = args[:cut], args[cut + 1:]
    peer, device, tf32 = own[0], "cuda", False
    i = 1
    while i < len(own):
        if own[i] == "--device":
            device, i = own[i + 1], i + 2
        elif own[i] == "--tf32":
            tf32, i = True, i + 1
        else:
            sys.exit(f"peer-cuda.py: unknown option {own[i]}")
    torch.set_default_device(device)
    torch.backends.cuda.matmul.allow_tf32 = tf32
    if device.startswith("cuda"):
        clock = time.perf_counter

        def synced():
            torch.cuda.synchronize()
            return clock()

        time.perf_counter = synced
    sys.argv = [peer] + peer_args
    runpy.run_path(peer, run_name="__main__")


if __name__ == "__main__":
    main()
