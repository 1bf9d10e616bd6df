namespace Vr.Standaarden.Interop.Cap;

/// <summary>Whether a CAP polygon's ring crosses itself, in time close to linear for the rings alerts carry.</summary>
internal static class PolygonCrossings
{
    /// <summary>The most pairs of edges whose boxes overlap that the crossing check looks at in one ring.</summary>
    public const long MaxEdgePairs = 20_000_000;

    /// <summary>
    /// A pair of non-adjacent edges that cross (the first found when the edges are taken in the order of their
    /// smallest latitude), <c>(-1, -1)</c> when the ring is too tangled to check within <see cref="MaxEdgePairs"/>,
    /// or <c>null</c>. Sweep and prune: only edges whose boxes overlap are compared, so an ordinary ring of 100,000
    /// points takes milliseconds where comparing every pair would take seconds.
    /// </summary>
    public static (int A, int B)? Find(IReadOnlyList<(double Lat, double Lon)> ring, out long pairs)
    {
        var edges = ring.Count - 1;
        var order = new int[edges];
        var low = new double[edges];
        for (var i = 0; i < edges; i++)
        {
            order[i] = i;
            low[i] = Math.Min(ring[i].Lat, ring[i + 1].Lat);
        }

        Array.Sort(low, order);
        var active = new List<int>();
        pairs = 0;
        foreach (var i in order)
        {
            var (a, b) = (ring[i], ring[i + 1]);
            var (minX, minY, maxY) = (Math.Min(a.Lat, b.Lat), Math.Min(a.Lon, b.Lon), Math.Max(a.Lon, b.Lon));
            var kept = 0;
            for (var k = 0; k < active.Count; k++)
            {
                var j = active[k];
                var (c, d) = (ring[j], ring[j + 1]);
                if (Math.Max(c.Lat, d.Lat) < minX)
                {
                    continue;
                }

                active[kept++] = j;
                if (++pairs > MaxEdgePairs)
                {
                    return (-1, -1);
                }

                var (first, second) = i < j ? (i, j) : (j, i);
                if (second - first < 2 || (first == 0 && second == edges - 1) || Math.Max(c.Lon, d.Lon) < minY || Math.Min(c.Lon, d.Lon) > maxY)
                {
                    continue;
                }

                if (Intersect(ring[first], ring[first + 1], ring[second], ring[second + 1]))
                {
                    return (first, second);
                }
            }

            active.RemoveRange(kept, active.Count - kept);
            active.Add(i);
        }

        return null;
    }

    private static bool Intersect((double X, double Y) p1, (double X, double Y) p2, (double X, double Y) p3, (double X, double Y) p4)
    {
        static double Cross((double X, double Y) o, (double X, double Y) a, (double X, double Y) b) => ((a.X - o.X) * (b.Y - o.Y)) - ((a.Y - o.Y) * (b.X - o.X));
        static bool On((double X, double Y) p, (double X, double Y) q, (double X, double Y) r) =>
            Math.Min(p.X, r.X) <= q.X && q.X <= Math.Max(p.X, r.X) && Math.Min(p.Y, r.Y) <= q.Y && q.Y <= Math.Max(p.Y, r.Y);
        var d1 = Cross(p3, p4, p1);
        var d2 = Cross(p3, p4, p2);
        var d3 = Cross(p1, p2, p3);
        var d4 = Cross(p1, p2, p4);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        {
            return true;
        }

        return (d1 == 0 && On(p3, p1, p4)) || (d2 == 0 && On(p3, p2, p4)) || (d3 == 0 && On(p1, p3, p2)) || (d4 == 0 && On(p1, p4, p2));
    }
}
