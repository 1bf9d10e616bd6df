using NetTopologySuite.Geometries;

namespace Vr.Standaarden.Begrippen.Geometrie;

/// <summary>Transforms NetTopologySuite geometries between RD New, ETRS89 and WGS 84/CRS84, by their SRID.</summary>
public static class GeometryTransformation
{
    /// <summary>
    /// A copy of <paramref name="geometry"/> in <paramref name="target"/>. The source system is the geometry's SRID
    /// (28992, 4258 or 4326); a geometry without an SRID is refused, because guessing the system is how axes get mixed up.
    /// </summary>
    public static Geometry Transform(Geometry geometry, CoordinateReferenceSystem target)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(target);
        if (geometry.SRID <= 0)
        {
            throw new ArgumentException("The geometry has no SRID; set it to the system its coordinates are in (28992, 4258 or 4326).", nameof(geometry));
        }

        var source = CoordinateReferenceSystem.FromSrid(geometry.SRID);
        var copy = geometry.Copy();
        if (source.IsGeographic != target.IsGeographic)
        {
            copy.Apply(new DatumFilter(toRd: !target.IsGeographic));
        }

        copy.SRID = target.Srid;
        return copy;
    }

    private sealed class DatumFilter(bool toRd) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (east, north) = (seq.GetX(i), seq.GetY(i));
                if (toRd)
                {
                    var rd = RdTransformation.FromEtrs89(new GeographicCoordinate(north, east));
                    (east, north) = (rd.X, rd.Y);
                }
                else
                {
                    var geographic = RdTransformation.ToEtrs89(new RdCoordinate(east, north));
                    (east, north) = (geographic.Longitude, geographic.Latitude);
                }

                seq.SetX(i, east);
                seq.SetY(i, north);
            }
        }
    }
}
