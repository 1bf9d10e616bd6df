using System.Net;

namespace Vr.Standaarden.Testing;

/// <summary>A request body sent without a length (chunked transfer encoding), in pieces, as a client that streams sends it.</summary>
public sealed class ChunkedContent(byte[] body, int piece = 64 * 1024) : HttpContent
{
    /// <inheritdoc/>
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var at = 0; at < body.Length; at += piece)
        {
            await stream.WriteAsync(body.AsMemory(at, Math.Min(piece, body.Length - at)));
        }
    }

    /// <inheritdoc/>
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
