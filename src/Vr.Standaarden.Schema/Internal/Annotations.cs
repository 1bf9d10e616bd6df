namespace Vr.Standaarden.Schema.Internal;

/// <summary>
/// What the keywords of one schema object, and the in-place subschemas it applied successfully, evaluated of one
/// instance: the input of <c>unevaluatedProperties</c> and <c>unevaluatedItems</c>. Only created for schemas that
/// hold one of those keywords, so evaluation without them allocates nothing for it.
/// </summary>
internal sealed class Annotations
{
    private HashSet<string>? _properties;
    private HashSet<int>? _items;

    public bool AllProperties { get; private set; }

    public bool AllItems { get; private set; }

    /// <summary>Items 0 .. PrefixItems-1 were evaluated.</summary>
    public int PrefixItems { get; private set; }

    public void AddProperty(string name) => (_properties ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);

    public void SetAllProperties() => AllProperties = true;

    public void AddItem(int index) => (_items ??= []).Add(index);

    public void SetPrefixItems(int count) => PrefixItems = Math.Max(PrefixItems, count);

    public void SetAllItems() => AllItems = true;

    public bool IsPropertyEvaluated(string name) => AllProperties || (_properties?.Contains(name) ?? false);

    public bool IsItemEvaluated(int index) => AllItems || index < PrefixItems || (_items?.Contains(index) ?? false);

    public void Merge(Annotations other)
    {
        if (other.AllProperties)
        {
            AllProperties = true;
        }
        else if (other._properties is not null)
        {
            (_properties ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(other._properties);
        }

        if (other.AllItems)
        {
            AllItems = true;
        }

        PrefixItems = Math.Max(PrefixItems, other.PrefixItems);
        if (other._items is not null)
        {
            (_items ??= []).UnionWith(other._items);
        }
    }
}
