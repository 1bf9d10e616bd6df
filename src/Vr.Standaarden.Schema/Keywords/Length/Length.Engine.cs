using System.Text.Json;
using Vr.Standaarden.Schema.Internal;
using Catalog = Vr.Standaarden.Schema.Model.KeywordCatalog;

namespace Vr.Standaarden.Schema.Keywords;

/// <summary><c>minLength</c> and <c>maxLength</c>: how many characters (code points, not UTF-16 units) a string has.</summary>
internal sealed class LengthKeyword(string name, bool isMinimum, long limit) : CountLimitKeyword(name, isMinimum, limit)
{
    /// <summary>Adds the schema object's <c>minLength</c> and <c>maxLength</c>, in that order.</summary>
    public static void Build(Location at, Action<Keyword> add) =>
        Build(at, Catalog.MinLength, Catalog.MaxLength, (name, isMinimum, limit) => new LengthKeyword(name, isMinimum, limit), add);

    /// <inheritdoc/>
    protected override long Count(JsonElement instance) =>
        instance.ValueKind == JsonValueKind.String ? JsonValues.CodePointLength(instance) : -1;

    /// <inheritdoc/>
    protected override LocalizedText Violation(long limit) => IsMinimum ? SchemaMessages.MinLength(limit) : SchemaMessages.MaxLength(limit);
}
