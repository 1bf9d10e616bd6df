using System.Globalization;
using System.Text.RegularExpressions;

namespace Vr.Standaarden.Uitwisseling;

/// <summary>ISO 8601 durations as the envelope's <c>bewaartermijn</c> holds them (<c>P30D</c>, <c>P1Y6M</c>, <c>PT12H</c>), added in calendar terms.</summary>
public static partial class IsoDuration
{
    /// <summary><paramref name="start"/> plus <paramref name="duration"/>: years and months by the calendar, then weeks, days and time.</summary>
    /// <exception cref="FormatException">The text is not an ISO 8601 duration of this form.</exception>
    public static DateTimeOffset Add(DateTimeOffset start, string duration)
    {
        ArgumentNullException.ThrowIfNull(duration);
        var match = Shape().Match(duration);
        if (!match.Success || duration is "P" || duration.EndsWith('T'))
        {
            throw new FormatException($"'{duration}' is not an ISO 8601 duration such as P30D or P1Y6M.");
        }

        int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        return start.AddYears(Part("y")).AddMonths(Part("mo")).AddDays((7 * Part("w")) + Part("d"))
            .AddHours(Part("h")).AddMinutes(Part("mi")).AddSeconds(Part("s"));
    }

    [GeneratedRegex(@"^P(?:(?<y>[0-9]{1,4})Y)?(?:(?<mo>[0-9]{1,5})M)?(?:(?<w>[0-9]{1,5})W)?(?:(?<d>[0-9]{1,6})D)?(?:T(?:(?<h>[0-9]{1,7})H)?(?:(?<mi>[0-9]{1,9})M)?(?:(?<s>[0-9]{1,9})S)?)?$")]
    private static partial Regex Shape();
}
