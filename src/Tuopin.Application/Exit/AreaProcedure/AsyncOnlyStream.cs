
namespace Tuopin.Application.Exit;

/// <summary>
/// Passes asynchronous writes straight through and holds synchronous ones (small: the tails ZipArchive
/// writes on dispose) until the next asynchronous write or flush, so that nothing is written synchronously
/// to a stream that refuses it, and no more than those tails is held in memory.
/// </summary>
internal sealed class AsyncOnlyStream(Stream inner) : Stream
{
    private readonly MemoryStream _pending = new();
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        _pending.Write(buffer, offset, count);
        _written += count;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendPendingAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
        _written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendPendingAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    private async Task SendPendingAsync(CancellationToken ct)
    {
        if (_pending.Length == 0) return;
        await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), ct);
        _pending.SetLength(0);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _pending.Dispose();
        base.Dispose(disposing);
    }
}
