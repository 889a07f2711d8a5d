// Reusable MAP_READ buffers for readback, so repeated runs (slider moves) allocate nothing new.
export class StagingPool {
  private readonly free = new Map<number, GPUBuffer[]>();

  constructor(private readonly device: GPUDevice) {}

  acquire(size: number): GPUBuffer {
    const rounded = Math.max(256, 2 ** Math.ceil(Math.log2(size)));
    const buffer = this.free.get(rounded)?.pop();
    return buffer ?? this.device.createBuffer({ label: `staging ${rounded} B`, size: rounded, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  }

  release(buffer: GPUBuffer): void {
    const list = this.free.get(buffer.size) ?? [];
    list.push(buffer);
    this.free.set(buffer.size, list);
  }

  /** Copies `size` bytes of `source` from `offset` through a staging buffer; returns them. */
  async read(source: GPUBuffer, offset: number, size: number): Promise<ArrayBuffer> {
    const staging = this.acquire(size);
    const encoder = this.device.createCommandEncoder({ label: `readback ${source.label}` });
    encoder.copyBufferToBuffer(source, offset, staging, 0, size);
    this.device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ, 0, size);
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
