namespace Vr.Standaarden.Validatie.Internal;

/// <summary>
/// A JSON Pointer written out only when it is read (for a finding): the pointer of the parent and the last step, a
/// member name or an item index. Rules visit every value of a message; most need no pointer at all.
/// </summary>
internal readonly struct LazyPointer
{
    private readonly string _parent;
    private readonly int _index;

    private LazyPointer(string parent, string? name, int index)
    {
        _parent = parent;
        Name = name;
        _index = index;
    }

    /// <summary>The member name of the last step, or <c>null</c> for an item or the root.</summary>
    public string? Name { get; }

    public static LazyPointer Of(string pointer) => new(pointer, null, -1);

    public static LazyPointer Member(string parent, string name) => new(parent, name, -1);

    public static LazyPointer Item(string parent, int index) => new(parent, null, index);

    public static implicit operator string(LazyPointer pointer) => pointer.ToString();

    public override string ToString() =>
        Name is not null ? $"{_parent}/{Pointer.Escape(Name)}"
        : _index >= 0 ? $"{_parent}/{_index.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
        : _parent;
}
