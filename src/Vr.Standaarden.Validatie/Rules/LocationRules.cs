using System.Text.Json;
using Vr.Standaarden.Begrippen.Geometrie;
using Vr.Standaarden.Validatie.Internal;

namespace Vr.Standaarden.Validatie.Rules;

/// <summary>
/// A position of a message: where it is in which system, where in the message, whether its location says it lies across
/// the border, and how it lies against the area of the Netherlands at the level the validation asks for.
/// </summary>
internal readonly record struct Position(double East, double North, CoordinateReferenceSystem Crs, LazyPointer Pointer, bool AcrossTheBorder, AreaCheck Area);

/// <summary>
/// The positions of a message: geometries of locations in their declared <c>crs</c>, and the polygons and circle centres
/// of warnings, which are CRS84 by definition. A location's positions are <c>AcrossTheBorder</c> when its <c>landen</c>
/// (from release 1.2) names a country other than the Netherlands.
/// </summary>
internal static class Positions
{
    /// <summary>The positions an object of the data holds itself (not those of objects inside it), each checked against the area at <paramref name="area"/>.</summary>
    public static IEnumerable<Position> In(JsonElement node, LazyPointer pointer, AreaLevel area)
    {
        Position Checked(double east, double north, CoordinateReferenceSystem crs, LazyPointer at, bool acrossTheBorder) =>
            new(east, north, crs, at, acrossTheBorder, NetherlandsArea.Check(east, north, crs, area));

        if (node.TryGetProperty("geometrie", out var geometry) && geometry.ValueKind == JsonValueKind.Object &&
            RuleContext.Text(node, "crs") is { } code && CoordinateReferenceSystem.All.FirstOrDefault(c => c.Code == code) is { } crs &&
            geometry.TryGetProperty("coordinates", out var coordinates))
        {
            var acrossTheBorder = NamesAnotherCountry(node);
            foreach (var position in Leaves(coordinates, pointer + "/geometrie/coordinates"))
            {
                yield return Checked(position.East, position.North, crs, position.Pointer, acrossTheBorder);
            }
        }

        if (node.TryGetProperty("polygonen", out var polygons))
        {
            foreach (var position in Leaves(polygons, pointer + "/polygonen"))
            {
                yield return Checked(position.East, position.North, CoordinateReferenceSystem.Crs84, position.Pointer, false);
            }
        }

        if (node.TryGetProperty("middelpunt", out var centre))
        {
            foreach (var position in Leaves(centre, pointer + "/middelpunt"))
            {
                yield return Checked(position.East, position.North, CoordinateReferenceSystem.Crs84, position.Pointer, false);
            }
        }
    }

    // landen: ["BE"] or ["NL", "DE"] says the location lies across the border on purpose.
    private static bool NamesAnotherCountry(JsonElement location) =>
        location.TryGetProperty("landen", out var countries) && countries.ValueKind == JsonValueKind.Array &&
        countries.EnumerateArray().Any(c => c.ValueKind == JsonValueKind.String && !c.ValueEquals("NL"));

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

/// <summary>
/// VR-LOC-001: a position is in the wrong system or order: swapped axes, degrees given as RD or RD as degrees (the
/// evidence: read the other way, it would lie in the Netherlands), a position that is not on Earth in its system, or RD
/// outside the Netherlands (RD is defined only there). With <see cref="AreaLevel.Strict"/>, any position outside the
/// land and coastal waters.
/// </summary>
internal sealed class PositionsInTheNetherlands() : PositionRule(new("VR-LOC-001", Severity.Error,
    "Elke positie staat in het opgegeven coördinaatreferentiesysteem en in de goede volgorde, en ligt op aarde (RD: in Nederland).",
    "Every position is in its declared coordinate reference system and order, and lies on Earth (RD: in the Netherlands)."))
{
    public override void Visit(RuleContext context, in Position position)
    {
        var (east, north, crs, pointer, _, check) = position;
        if (!check.IsInside && !Abroad.IsPlausible(check, east, north, crs, context.Options.Area))
        {
            var (message, bericht) = check.Problem == AreaProblem.Outside && !crs.IsGeographic
                ? (check.Message + " RD is defined only in and near the Netherlands: give a location abroad in WGS 84 or ETRS89.",
                    check.Bericht + " RD is alleen in en bij Nederland gedefinieerd: geef een locatie in het buitenland in WGS 84 of ETRS89.")
                : check.Problem == AreaProblem.Outside && (Math.Abs(east) > 180 || Math.Abs(north) > 90)
                    ? (check.Message + " It is not on Earth in degrees.", check.Bericht + " Zij ligt in graden niet op aarde.")
                    : (check.Message, check.Bericht);
            context.Report(this, pointer, message, bericht);
        }
    }
}

/// <summary>Which positions outside the Netherlands are plausible locations abroad rather than mistakes.</summary>
internal static class Abroad
{
    /// <summary>
    /// A position outside the area that no mix-up explains, in degrees, on Earth, under the lenient area (a cross-border
    /// incident, a warning over a neighbouring country, an international alert).
    /// </summary>
    public static bool IsPlausible(AreaCheck check, double east, double north, CoordinateReferenceSystem crs, AreaLevel level) =>
        level == AreaLevel.Lenient && check.Problem == AreaProblem.Outside && crs.IsGeographic && Math.Abs(east) <= 180 && Math.Abs(north) <= 90;
}

/// <summary>
/// VR-LOC-003: a position lies abroad (plausibly: in degrees, on Earth, no mix-up explains it); named once per geometry
/// (its first position abroad), not for every corner of a polygon. Not for a location whose <c>landen</c> names another
/// country: the message says it is across the border.
/// </summary>
internal sealed class PositionsAbroad() : PositionRule(new("VR-LOC-003", Severity.Warning,
    "Een positie ligt in het buitenland.",
    "A position lies abroad."))
{
    public override void Visit(RuleContext context, in Position position)
    {
        // Each geometry is named once, at its first position abroad (the set is this message's).
        var (east, north, crs, pointer, acrossTheBorder, check) = position;
        if (!acrossTheBorder && !check.IsInside && Abroad.IsPlausible(check, east, north, crs, context.Options.Area)
            && context.State<HashSet<string>>(this).Add(Geometry(pointer)))
        {
            context.Report(this, pointer,
                check.Message + " Read as a location abroad (a cross-border incident, an international alert); it stays in " + crs.Code + " and is never converted to RD.",
                check.Bericht + " Gelezen als een locatie in het buitenland (een grensoverschrijdend incident, een internationale waarschuwing); zij blijft in " + crs.Code + " en wordt nooit naar RD omgerekend.");
        }
    }

    /// <summary>The geometry a position belongs to: its pointer up to the polygon, ring or point it is part of.</summary>
    private static string Geometry(string pointer)
    {
        foreach (var member in new[] { "/polygonen/", "/middelpunt", "/geometrie/" })
        {
            var at = pointer.IndexOf(member, StringComparison.Ordinal);
            if (at >= 0)
            {
                var end = member == "/polygonen/" ? pointer.IndexOf('/', at + member.Length) : at + member.Length;
                return end < 0 ? pointer : pointer[..end];
            }
        }

        return pointer;
    }
}

/// <summary>VR-LOC-002: a position at sea (inside the lenient area, outside the land) is worth a second look.</summary>
internal sealed class PositionsAtSea() : PositionRule(new("VR-LOC-002", Severity.Warning,
    "Een positie ligt op zee: buiten het land, binnen het Nederlandse deel van de Noordzee.",
    "A position lies at sea: outside the land, inside the Dutch part of the North Sea."))
{
    public override void Visit(RuleContext context, in Position position)
    {
        if (context.Options.Area != AreaLevel.Lenient)
        {
            return;
        }

        // Under the lenient level the position's own check is the lenient one.
        var (east, north, crs, pointer, _, lenient) = position;
        if (lenient.IsInside && NetherlandsArea.Check(east, north, crs, AreaLevel.Strict) is { IsInside: false } land)
        {
            context.Report(this, pointer, land.Message + " It lies in the Dutch part of the North Sea.", land.Bericht + " Zij ligt in het Nederlandse deel van de Noordzee.");
        }
    }
}
