using System.Text.Json;
using Vr.Standaarden.Begrippen;
using Vr.Standaarden.Validatie.Internal;

namespace Vr.Standaarden.Validatie.Rules;

/// <summary>VR-ID-001: every OIN, in the source URN and in the data, is well-formed (known prefix, the form its prefix demands).</summary>
internal sealed class OinsWellFormed() : FieldRule(new("VR-ID-001", Severity.Error,
    "Elk OIN is goed gevormd: bekend prefix en de vorm die het prefix vraagt.", "Every OIN is well-formed: a known prefix and the form the prefix demands."))
{
    private const string UrnPrefix = "urn:nld:oin:";

    /// <inheritdoc/>
    public override string Kind => "def";

    /// <summary>The OIN in the source URN.</summary>
    public override void Evaluate(RuleContext context)
    {
        if (RuleContext.Text(context.Message, "source") is { } source && source.StartsWith(UrnPrefix, StringComparison.Ordinal) && source.Length >= UrnPrefix.Length + 20)
        {
            Check(context, source.Substring(UrnPrefix.Length, 20), LazyPointer.Of("/source"));
        }
    }

    /// <summary>Each OIN in the data.</summary>
    public override void Visit(RuleContext context, JsonElement value, LazyPointer pointer, string name)
    {
        if (name == "oin" && value.ValueKind == JsonValueKind.String)
        {
            Check(context, value.GetString()!, pointer);
        }
    }

    // The pointer is written out only for a finding.
    private void Check(RuleContext context, string text, LazyPointer pointer)
    {
        if (!Oin.TryParse(text, out _, out var error))
        {
            context.Report(this, pointer, error!, $"Geen geldig OIN: {error}");
        }
    }
}

/// <summary>VR-ID-002: municipality codes, and the municipality in BAG identifiers, are in the <c>gemeente</c> code list.</summary>
internal sealed class MunicipalitiesKnown() : FieldRule(new("VR-ID-002", Severity.Warning,
    "Gemeentecodes, ook die in BAG-identificaties, staan in de codelijst gemeente.", "Municipality codes, also those inside BAG identifiers, are in the gemeente code list."))
{
    private static readonly string[] BagDefinitions = ["bagId", "pandId", "nummeraanduidingId", "verblijfsobjectId", "openbareRuimteId"];

    /// <inheritdoc/>
    public override string Kind => "def";

    /// <inheritdoc/>
    public override void Visit(RuleContext context, JsonElement value, LazyPointer pointer, string name)
    {
        if (value.ValueKind != JsonValueKind.String || (name != "gemeenteCode" && !BagDefinitions.Contains(name)))
        {
            return;
        }

        var text = value.GetString()!;
        string? code = name == "gemeenteCode" && GemeenteCode.TryParse(text, out var g) ? g.ToString()
            : BagDefinitions.Contains(name) && BagId.TryParse(text, out var bag) ? bag.Gemeente.ToString()
            : null;
        var municipalities = Codelijsten.Get("gemeente", context.Release);
        if (code is not null && municipalities.Find(code) is null)
        {
            context.Report(this, pointer,
                $"Municipality {code}{(code == text ? "" : $" (in '{text}')")} is not in the gemeente code list (version {municipalities.Versie}).",
                $"Gemeente {code}{(code == text ? "" : $" (in '{text}')")} staat niet in de codelijst gemeente (versie {municipalities.Versie}).");
        }
    }
}

/// <summary>VR-ID-003: within one location, the BAG identifiers lie in the municipality its address names.</summary>
internal sealed class AddressMatchesBag() : ObjectRule(new("VR-ID-003", Severity.Warning,
    "Binnen een locatie liggen de BAG-objecten in de gemeente van het adres.", "Within a location, the BAG objects lie in the municipality of the address."))
{
    public override void Visit(RuleContext context, JsonElement node, LazyPointer pointer)
    {
        if (!node.TryGetProperty("bag", out var bag) || bag.ValueKind != JsonValueKind.Object ||
            !node.TryGetProperty("adres", out var address) || RuleContext.Text(address, "gemeente") is not { } municipality)
        {
            return;
        }

        foreach (var member in bag.EnumerateObject())
        {
            // One identifier or a list of them; the pointer is written out only for a finding.
            var values = member.Value.ValueKind == JsonValueKind.Array
                ? member.Value.EnumerateArray().Select((v, i) => (Value: v, Index: i))
                : [(member.Value, -1)];
            foreach (var (value, index) in values)
            {
                if (value.ValueKind == JsonValueKind.String && BagId.TryParse(value.GetString(), out var id) && id.Gemeente.ToString() != municipality)
                {
                    var at = $"{pointer}/bag/{member.Name}";
                    context.Report(this, index < 0 ? at : $"{at}/{index}",
                        $"BAG object {id} lies in {id.Gemeente}, but the address names {municipality}.",
                        $"BAG-object {id} ligt in {id.Gemeente}, maar het adres noemt {municipality}.");
                }
            }
        }
    }
}
