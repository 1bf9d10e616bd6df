using System.ComponentModel;

namespace Vr.Standaarden.Schema.Compiled;

/// <summary>
/// The JSON Pointers one generated reader made under the parent it saw last. A reader of a nested object or array
/// needs its own location to hand to what it reads; a message of the same shape asks for the same pointers every
/// time, so they are made once and then found by comparing the parent by reference.
/// </summary>
/// <remarks>
/// Safe for concurrent use: what is shared is either immutable or a slot that every thread fills with an equal string.
/// A reader whose parent changes from call to call simply makes its pointers again.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class LocationCache
{
    private const int IndexedItems = 16;
    private Entry? _last;

    /// <summary>
    /// The pointer to member <paramref name="name"/> of the value at <paramref name="parent"/>, or to item
    /// <paramref name="index"/> when <paramref name="name"/> is <c>null</c>.
    /// </summary>
    public string Get(string parent, string? name, int index)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var last = _last;
        if (last is null || !ReferenceEquals(last.Parent, parent))
        {
            last = new Entry(parent);
            _last = last;
        }

        if (name is not null)
        {
            var member = last.Member;
            if (member is not null && string.Equals(member.Name, name, StringComparison.Ordinal))
            {
                return member.Location;
            }

            var location = CompiledSupport.Location(parent, name);
            last.Member = new Named(name, location);
            return location;
        }

        if ((uint)index >= IndexedItems)
        {
            return CompiledSupport.Location(parent, index);
        }

        return last.Items[index] ??= CompiledSupport.Location(parent, index);
    }

    private sealed class Entry(string parent)
    {
        public string Parent { get; } = parent;

        public Named? Member { get; set; }

        public string?[] Items { get; } = new string?[IndexedItems];
    }

    private sealed record Named(string Name, string Location);
}
