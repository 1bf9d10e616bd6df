using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary>
/// <c>prefixItems</c> (and the array form of <c>items</c> before 2020-12): one schema per leading item.
/// </summary>
internal sealed class PrefixItemsKeyword(string name, SchemaNode[] schemas) : Keyword(name)
{
    public int Count => schemas.Length;

    /// <inheritdoc/>
    public override bool Evaluate(JsonElement instance, EvaluationState state, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var valid = true;
        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            if (index >= schemas.Length)
            {
                break;
            }

            state.PushKeyword(IndexText.Get(index));
            state.PushInstance(index);
            var ok = schemas[index].Evaluate(item, state, null);
            state.PopInstance();
            state.PopKeyword();
            if (!ok)
            {
                valid = Fail(state, !state.Detailed ? null : SchemaMessages.Item(index));
                if (!state.Detailed)
                {
                    return false;
                }
            }

            index++;
        }

        annotations?.SetPrefixItems(index);
        return valid;
    }
}

/// <summary>
/// <c>items</c> (after <c>prefixItems</c>, or all items) and <c>additionalItems</c> (after the array form of <c>items</c>):
/// one schema for the items from a position on.
/// </summary>
internal sealed class ItemsFromKeyword(string name, SchemaNode schema, int start)
    : RemainingItemsKeyword(name, schema)
{
    /// <summary>
    /// Adds the schema object's item keywords: in 2020-12 <c>prefixItems</c> and <c>items</c> (after them); before it
    /// <c>items</c> as one schema, or as an array (the leading items) with <c>additionalItems</c> after them.
    /// </summary>
    public static void Build(SchemaBuilder builder, Location at, Action<Keyword> add)
    {
        var schema = at.Element;
        if (at.Dialect.Is202012)
        {
            var prefixCount = 0;
            if (schema.TryGetProperty(Catalog.PrefixItems.Name, out var prefixItems))
            {
                var nodes = builder.SchemaArray(at, Catalog.PrefixItems.Name, prefixItems);
                prefixCount = nodes.Length;
                add(new PrefixItemsKeyword(Catalog.PrefixItems.Name, nodes));
            }

            if (schema.TryGetProperty(Catalog.Items.Name, out var items))
            {
                add(new ItemsFromKeyword(Catalog.Items.Name, builder.Child(at, Catalog.Items.Name, items), prefixCount));
            }
        }
        else if (schema.TryGetProperty(Catalog.Items.Name, out var items))
        {
            if (items.ValueKind == JsonValueKind.Array)
            {
                var nodes = builder.SchemaArray(at, Catalog.Items.Name, items, allowEmpty: true);
                add(new PrefixItemsKeyword(Catalog.Items.Name, nodes));
                if (schema.TryGetProperty(Catalog.AdditionalItems.Name, out var additionalItems))
                {
                    add(new ItemsFromKeyword(Catalog.AdditionalItems.Name, builder.Child(at, Catalog.AdditionalItems.Name, additionalItems), nodes.Length));
                }
            }
            else
            {
                add(new ItemsFromKeyword(Catalog.Items.Name, builder.Child(at, Catalog.Items.Name, items), 0));
            }
        }
    }

    /// <inheritdoc/>
    protected override bool IsCovered(int index, Annotations? annotations) => index < start;
}
