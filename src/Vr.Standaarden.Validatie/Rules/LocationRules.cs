using System.Text.Json;
using Vr.Standaarden.Begrippen.Geometrie;
using Vr.Standaarden.Validatie.Internal;

namespace Vr.Standaarden.Validatie.Rules;

/// <summary>
/// The positions of a message: geometries of locations in their declared <c>crs</c>, and the polygons and circle centres
/// of warnings, which are CRS84 by definition.
/// </summary>
internal static class Positions
{
    public static IEnumerable<(double East, double North, CoordinateReferenceSystem Crs, LazyPointer Pointer)> Of(RuleContext context)
    {
        foreach (var (node, pointer) in RuleContext.Objects(context.Data, RuleContext.DataPointer))
        {
            if (node.TryGetProperty("geometrie", out var geometry) && geometry.ValueKind == JsonValueKind.Object &&
                RuleContext.Text(node, "crs") is { } code && CoordinateReferenceSystem.All.FirstOrDefault(c => c.Code == code) is { } crs &&
                geometry.TryGetProperty("coordinates", out var coordinates))
            {
                foreach (var position in Leaves(coordinates, pointer + "/geometrie/coordinates"))
                {
                    yield return (position.East, position.North, crs, position.Pointer);
                }
            }

            if (node.TryGetProperty("polygonen", out var polygons))
            {
                foreach (var position in Leaves(polygons, pointer + "/polygonen"))
                {
                    yield return (position.East, position.North, CoordinateReferenceSystem.Crs84, position.Pointer);
                }
            }

            if (node.TryGetProperty("middelpunt", out var centre))
            {
                foreach (var position in Leaves(centre, pointer + "/middelpunt"))
                {
                    yield return (position.East, position.North, CoordinateReferenceSystem.Crs84, position.Pointer);
                }
            }
        }
    }

    // A position is an array whose first two items are numbers; anything else is descended into. The positions of a
    // ring are yielded from the ring's own loop, with a pointer written out only if a finding needs it.
    private static IEnumerable<(double East, double North, LazyPointer Pointer)> Leaves(JsonElement node, string pointer)
    {
        if (IsPosition(node))
        {
            yield return (node[0].GetDouble(), node[1].GetDouble(), LazyPointer.Of(pointer));
            yield break;
        }

        if (node.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        var i = 0;
        foreach (var item in node.EnumerateArray())
        {
            if (IsPosition(item))
            {
                yield return (item[0].GetDouble(), item[1].GetDouble(), LazyPointer.Item(pointer, i));
            }
            else if (item.ValueKind == JsonValueKind.Array)
            {
                foreach (var leaf in Leaves(item, $"{pointer}/{i}"))
                {
                    yield return leaf;
                }
            }

            i++;
        }
    }

    private static bool IsPosition(JsonElement node) =>
        node.ValueKind == JsonValueKind.Array && node.GetArrayLength() >= 2 && node[0].ValueKind == JsonValueKind.Number && node[1].ValueKind == JsonValueKind.Number;
}

/// <summary>VR-LOC-001: every position lies in the Netherlands (or its part of the North Sea) for its declared system.</summary>
internal sealed class PositionsInTheNetherlands() : DomainRule(new("VR-LOC-001", Severity.Error,
    "Elke positie ligt in Nederland (of zijn deel van de Noordzee) volgens het opgegeven coördinaatreferentiesysteem.",
    "Every position lies in the Netherlands (or its part of the North Sea) for its declared coordinate reference system."))
{
    public override void Evaluate(RuleContext context)
    {
        foreach (var (east, north, crs, pointer) in Positions.Of(context))
        {
            var check = NetherlandsArea.Check(east, north, crs, context.Options.Area);
            if (!check.IsInside)
            {
                context.Report(Info, pointer, check.Message, check.Bericht);
            }
        }
    }
}

/// <summary>VR-LOC-002: a position at sea (inside the lenient area, outside the land) is worth a second look.</summary>
internal sealed class PositionsAtSea() : DomainRule(new("VR-LOC-002", Severity.Warning,
    "Een positie ligt op zee: buiten het land, binnen het Nederlandse deel van de Noordzee.",
    "A position lies at sea: outside the land, inside the Dutch part of the North Sea."))
{
    public override void Evaluate(RuleContext context)
    {
        if (context.Options.Area != AreaLevel.Lenient)
        {
            return;
        }

        foreach (var (east, north, crs, pointer) in Positions.Of(context))
        {
            if (NetherlandsArea.Check(east, north, crs, AreaLevel.Lenient).IsInside && NetherlandsArea.Check(east, north, crs, AreaLevel.Strict) is { IsInside: false } land)
            {
                context.Report(Info, pointer, land.Message + " It lies in the Dutch part of the North Sea.", land.Bericht + " Zij ligt in het Nederlandse deel van de Noordzee.");
            }
        }
    }
}
