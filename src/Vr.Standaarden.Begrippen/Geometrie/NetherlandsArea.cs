using System.Globalization;

namespace Vr.Standaarden.Begrippen.Geometrie;

/// <summary>
/// Checks that a position lies in the Netherlands for the system it claims, and recognises the usual mistakes:
/// latitude and longitude swapped, degrees given as RD metres, RD metres given as degrees.
/// </summary>
public static class NetherlandsArea
{
    private static readonly AreaCheck InsideArea = new(AreaProblem.None, "", "");

    private readonly record struct Box(double MinEast, double MaxEast, double MinNorth, double MaxNorth)
    {
        public bool Contains(double east, double north) => east >= MinEast && east <= MaxEast && north >= MinNorth && north <= MaxNorth;
    }

    private static readonly Box RdLand = new(0, 300_000, 300_000, 630_000);
    private static readonly Box DegreesLand = new(3.2, 7.22, 50.75, 53.7);
    private static readonly Box DegreesSea = new(2.0, 7.3, 50.5, 55.9);

    /// <summary>
    /// Checks a position given east first, as NetTopologySuite holds it: RD x, y in metres, or longitude, latitude in degrees.
    /// </summary>
    public static AreaCheck Check(double east, double north, CoordinateReferenceSystem crs, AreaLevel level = AreaLevel.Strict)
    {
        ArgumentNullException.ThrowIfNull(crs);
        if (Inside(east, north, crs.IsGeographic, level))
        {
            return InsideArea;
        }

        // Only a position outside the area is named in a message.
        var where = string.Create(CultureInfo.InvariantCulture, $"({east}, {north})");

        if (Inside(north, east, crs.IsGeographic, level))
        {
            return crs.IsGeographic
                ? Fail(AreaProblem.AxesSwapped,
                    $"{where} in {crs.Code} lies outside the Netherlands, but inside with the axes swapped: give longitude first, then latitude.",
                    $"{where} in {crs.Code} ligt buiten Nederland, maar met verwisselde assen erin: geef eerst de lengte, dan de breedte.")
                : Fail(AreaProblem.AxesSwapped,
                    $"{where} in {crs.Code} lies outside the Netherlands, but inside with the axes swapped: give x (east) first, then y (north).",
                    $"{where} in {crs.Code} ligt buiten Nederland, maar met verwisselde assen erin: geef eerst x (oost), dan y (noord).");
        }

        if (!crs.IsGeographic && (Inside(east, north, true, level) || Inside(north, east, true, level)))
        {
            return Fail(AreaProblem.DegreesForRd,
                $"{where} looks like latitude and longitude in degrees, but {crs.Code} expects RD x and y in metres.",
                $"{where} lijkt een breedte en lengte in graden, maar {crs.Code} verwacht RD x en y in meters.");
        }

        if (crs.IsGeographic && (Inside(east, north, false, level) || Inside(north, east, false, level)))
        {
            return Fail(AreaProblem.RdForDegrees,
                $"{where} looks like RD x and y in metres, but {crs.Code} expects degrees.",
                $"{where} lijkt RD x en y in meters, maar {crs.Code} verwacht graden.");
        }

        var area = level == AreaLevel.Strict ? "the Netherlands (land and coastal waters)" : "the Netherlands or its part of the North Sea";
        var gebied = level == AreaLevel.Strict ? "Nederland (land en kustwateren)" : "Nederland of zijn deel van de Noordzee";
        return Fail(AreaProblem.Outside, $"{where} in {crs.Code} lies outside {area}.", $"{where} in {crs.Code} ligt buiten {gebied}.");
    }

    private static AreaCheck Fail(AreaProblem problem, string message, string bericht) => new(problem, message, bericht);

    private static bool Inside(double east, double north, bool degrees, AreaLevel level)
    {
        if (double.IsNaN(east) || double.IsNaN(north))
        {
            return false;
        }

        if (degrees)
        {
            return (level == AreaLevel.Strict ? DegreesLand : DegreesSea).Contains(east, north);
        }

        if (level == AreaLevel.Strict)
        {
            return RdLand.Contains(east, north);
        }

        // At sea RD is only meaningful near the coast; judge it by where it lands in degrees.
        if (Math.Abs(east) > 1_000_000 || Math.Abs(north) > 2_000_000)
        {
            return false;
        }

        var geographic = RdTransformation.ToEtrs89(new RdCoordinate(east, north));
        return DegreesSea.Contains(geographic.Longitude, geographic.Latitude);
    }
}
