// Reusable MAP_READ buffers for readback, so repeated runs (slider moves) allocate nothing new.
// Every readback runs inside error scopes: a failed copy or map throws a GpuError.
import type { GpuHandle } from './gpuDevice';

export class StagingPool {
  private readonly free = new Map<number, GPUBuffer[]>();
  private readonly device: GPUDevice;

  constructor(private readonly gpu: GpuHandle) {
    this.device = gpu.device;
  }

  /** A power of two (at least 256 B) so buffers are reused, but never above maxBufferSize. */
  private sizeFor(size: number): number {
    const rounded = Math.max(256, 2 ** Math.ceil(Math.log2(size)));
    return rounded <= this.gpu.limits.maxBufferSize ? rounded : Math.ceil(size / 4) * 4;
  }

  acquire(size: number): GPUBuffer {
    const rounded = this.sizeFor(size);
    const buffer = this.free.get(rounded)?.pop();
    return (
      buffer ??
      this.device.createBuffer({ label: `staging ${rounded} B`, size: rounded, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST })
    );
  }

  release(buffer: GPUBuffer): void {
    const list = this.free.get(buffer.size) ?? [];
    list.push(buffer);
    this.free.set(buffer.size, list);
  }

  /** Copies `size` bytes of `source` from `offset` through a staging buffer; returns them. */
  async read(source: GPUBuffer, offset: number, size: number): Promise<ArrayBuffer> {
    const operation = `reading back ${source.label}`;
    const staging = await this.gpu.watch.scoped(operation, () => {
      const buffer = this.acquire(size);
      const encoder = this.device.createCommandEncoder({ label: `readback ${source.label}` });
      encoder.copyBufferToBuffer(source, offset, buffer, 0, size);
      this.device.queue.submit([encoder.finish()]);
      return buffer;
    });
    await this.gpu.watch.settled(operation, staging.mapAsync(GPUMapMode.READ, 0, size));
    const copy = staging.getMappedRange(0, size).slice(0);
    staging.unmap();
    this.release(staging);
    return copy;
  }

  destroy(): void {
    for (const list of this.free.values()) list.forEach((b) => b.destroy());
    this.free.clear();
  }
}
