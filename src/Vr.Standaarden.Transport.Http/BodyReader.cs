using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Vr.Standaarden.Transport.Http;

/// <summary>Why a request body was not read to its end.</summary>
internal enum BodyRefusal
{
    None,
    TooLarge,
    TooManyMessages,
    Busy,
}

/// <summary>
/// The bytes all requests of one endpoint hold while they are read: a request takes its share before it reads, and
/// gives it back when it has been answered.
/// </summary>
internal sealed class BodyBudget(long maxBytes)
{
    private long _held;

    public bool TryTake(long bytes)
    {
        if (Interlocked.Add(ref _held, bytes) <= maxBytes)
        {
            return true;
        }

        Interlocked.Add(ref _held, -bytes);
        return false;
    }

    public void Give(long bytes) => Interlocked.Add(ref _held, -bytes);
}

/// <summary>A request body read within its limits, holding its share of the <see cref="BodyBudget"/> until disposed.</summary>
internal sealed class BodyRead(byte[] body, BodyRefusal refusal, BodyBudget budget, long taken) : IDisposable
{
    private long _taken = taken;

    public byte[] Body { get; } = body;

    public BodyRefusal Refusal { get; } = refusal;

    public void Dispose()
    {
        budget.Give(Interlocked.Exchange(ref _taken, 0));
    }
}

/// <summary>
/// Reads a request body while it arrives, never holding more than its limit: a <c>Content-Length</c> above the limit is
/// refused before a byte is read, a body that grows past it as soon as it does, and for a batch the messages are counted
/// as they arrive, so a batch of a million tiny values ends at the first one beyond the count.
/// </summary>
internal static class BodyReader
{
    private const int Chunk = 64 * 1024;

    public static async Task<BodyRead> ReadAsync(HttpRequest request, long maxBytes, int? maxItems, int maxDepth, BodyBudget budget, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return new BodyRead([], BodyRefusal.TooLarge, budget, 0);
        }

        var known = request.ContentLength;
        var capacity = known is { } length ? (int)length : Chunk;
        if (!budget.TryTake(capacity))
        {
            return new BodyRead([], BodyRefusal.Busy, budget, 0);
        }

        long taken = capacity;
        var buffer = new byte[capacity];
        var filled = 0;
        var counter = maxItems is { } max ? new ItemCounter(max, maxDepth) : null;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (known is not null)
                    {
                        // More than the declared length: read one byte more to tell, then refuse.
                        var probe = new byte[1];
                        if (await request.Body.ReadAsync(probe, cancellationToken).ConfigureAwait(false) == 0)
                        {
                            break;
                        }

                        return Refuse(BodyRefusal.TooLarge);
                    }

                    var grown = (int)Math.Min(Math.Max((long)buffer.Length * 2, Chunk), maxBytes + 1);
                    if (grown <= buffer.Length)
                    {
                        return Refuse(BodyRefusal.TooLarge);
                    }

                    if (!budget.TryTake(grown - buffer.Length))
                    {
                        return Refuse(BodyRefusal.Busy);
                    }

                    taken += grown - buffer.Length;
                    Array.Resize(ref buffer, grown);
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
                if (filled > maxBytes)
                {
                    return Refuse(BodyRefusal.TooLarge);
                }

                if (counter is not null && !counter.Take(buffer.AsSpan(0, filled)))
                {
                    return Refuse(BodyRefusal.TooManyMessages);
                }
            }
        }
        catch
        {
            budget.Give(taken);
            throw;
        }

        if (filled != buffer.Length)
        {
            Array.Resize(ref buffer, filled);
        }

        return new BodyRead(buffer, BodyRefusal.None, budget, taken);

        BodyRead Refuse(BodyRefusal refusal)
        {
            budget.Give(taken);
            return new BodyRead([], refusal, budget, 0);
        }
    }

    /// <summary>Counts the values of a JSON array as its bytes arrive; stops counting at the first thing that is not one.</summary>
    private sealed class ItemCounter(int max, int maxDepth)
    {
        private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = maxDepth });
        private int _consumed;
        private int _count;
        private bool _done;

        /// <summary>Reads what arrived since the last call; <c>false</c> when the array has more than the most items.</summary>
        public bool Take(ReadOnlySpan<byte> arrived)
        {
            if (_done)
            {
                return true;
            }

            var reader = new Utf8JsonReader(arrived[_consumed..], isFinalBlock: false, _state);
            try
            {
                while (reader.Read())
                {
                    if (reader.CurrentDepth == 0 && reader.TokenType != JsonTokenType.StartArray && reader.TokenType != JsonTokenType.EndArray)
                    {
                        // Not a batch: the endpoint says so once the body is read.
                        _done = true;
                        return true;
                    }

                    if (reader.CurrentDepth == 1 && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.PropertyName or JsonTokenType.Comment)
                        && ++_count > max)
                    {
                        return false;
                    }
                }
            }
            catch (JsonException)
            {
                _done = true;
                return true;
            }

            _consumed += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            return true;
        }
    }
}
