using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Vr.Standaarden.Schema.Internal;
using Vr.Standaarden.Schema.Keywords;

namespace Vr.Standaarden.Schema.Formats;

/// <summary>The format checks used when <c>format</c> is an assertion. Unknown formats are not checked.</summary>
internal static partial class FormatValidators
{
    public static bool TryGet(string format, out FormatCheck check)
    {
        check = format switch
        {
            "date-time" => IsDateTime,
            "date" => IsDate,
            "time" => IsTime,
            "uuid" => IsUuid,
            _ => TextCheck(format)!,
        };
        return check is not null;
    }

    // Kept apart so the closure over the text check is made only for the formats that need one.
    private static FormatCheck? TextCheck(string format) =>
        TryGetText(format, out var text) ? value => text(value.ToString()) : null;

    private static bool TryGetText(string format, out Func<string, bool> check)
    {
        check = format switch
        {
            "duration" => IsDuration,
            "email" => value => IsEmail(value, international: false),
            "idn-email" => value => IsEmail(value, international: true),
            "hostname" => Idna.IsHostname,
            "idn-hostname" => Idna.IsIdnHostname,
            "ipv4" => IsIPv4,
            "ipv6" => IsIPv6,
            "uri" => value => Rfc3986.IsUri(value, iri: false),
            "uri-reference" => value => Rfc3986.IsUriReference(value, iri: false),
            "iri" => value => Rfc3986.IsUri(value, iri: true),
            "iri-reference" => value => Rfc3986.IsUriReference(value, iri: true),
            "json-pointer" => IsJsonPointer,
            "relative-json-pointer" => IsRelativeJsonPointer,
            "regex" => EcmaRegex.IsValidEcma262,
            "uri-template" => IsUriTemplate,
            _ => null!,
        };
        return check is not null;
    }

    [GeneratedRegex(@"^P(?:[0-9]+W|(?:[0-9]+Y(?:[0-9]+M(?:[0-9]+D)?)?|[0-9]+M(?:[0-9]+D)?|[0-9]+D)(?:T(?:[0-9]+H(?:[0-9]+M(?:[0-9]+S)?)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S))?|T(?:[0-9]+H(?:[0-9]+M(?:[0-9]+S)?)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S))\z", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    /// <summary>RFC 3339 full-date: YYYY-MM-DD with a day that exists in that month.</summary>
    private static bool IsDate(ReadOnlySpan<char> value)
    {
        if (value.Length != 10 || value[4] != '-' || value[7] != '-' ||
            !TryDigits(value[..4], out var year) || !TryDigits(value.Slice(5, 2), out var month) || !TryDigits(value.Slice(8, 2), out var day))
        {
            return false;
        }

        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(year, 1), month);
    }

    /// <summary>RFC 3339 full-time: HH:MM:SS[.frac](Z|+HH:MM|-HH:MM); second 60 only at 23:59:60 UTC.</summary>
    private static bool IsTime(ReadOnlySpan<char> value)
    {
        if (value.Length < 9 || value[2] != ':' || value[5] != ':' ||
            !TryDigits(value[..2], out var hour) || !TryDigits(value.Slice(3, 2), out var minute) || !TryDigits(value.Slice(6, 2), out var second))
        {
            return false;
        }

        var rest = value[8..];
        if (rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            {
                digits++;
            }

            if (digits == 1)
            {
                return false;
            }

            rest = rest[digits..];
        }

        int offsetHour = 0, offsetMinute = 0;
        if (rest.Length == 1 && rest[0] is 'Z' or 'z')
        {
            // UTC.
        }
        else if (rest.Length == 6 && rest[0] is '+' or '-' && rest[3] == ':' &&
                 TryDigits(rest.Slice(1, 2), out offsetHour) && TryDigits(rest.Slice(4, 2), out offsetMinute))
        {
            if (offsetHour > 23 || offsetMinute > 59)
            {
                return false;
            }

            if (rest[0] == '-')
            {
                offsetHour = -offsetHour;
                offsetMinute = -offsetMinute;
            }
        }
        else
        {
            return false;
        }

        if (hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        if (second == 60)
        {
            // A leap second is 23:59:60 in UTC.
            var utc = ((((hour - offsetHour) * 60) + minute - offsetMinute) % 1440 + 1440) % 1440;
            return utc == (23 * 60) + 59;
        }

        return true;
    }

    internal static bool IsDateTime(ReadOnlySpan<char> value) =>
        value.Length > 10 && value[10] is 'T' or 't' && IsDate(value[..10]) && IsTime(value[11..]);

    private static bool IsUuid(ReadOnlySpan<char> value)
    {
        if (value.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var ok = i is 8 or 13 or 18 or 23 ? value[i] == '-' : char.IsAsciiHexDigit(value[i]);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static bool IsDuration(string value) => DurationPattern().IsMatch(value);

    private static bool IsIPv4(string value)
    {
        var parts = value.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || !part.All(char.IsAsciiDigit) ||
                int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsIPv6(string value)
    {
        if (value.Length == 0 || value.Any(c => !(char.IsAsciiHexDigit(c) || c is ':' or '.')))
        {
            return false;
        }

        var lastColon = value.LastIndexOf(':');
        if (lastColon < 0)
        {
            return false;
        }

        var tail = value[(lastColon + 1)..];
        if (tail.Contains('.', StringComparison.Ordinal) && !IsIPv4(tail))
        {
            return false;
        }

        foreach (var group in (tail.Contains('.', StringComparison.Ordinal) ? value[..lastColon] : value).Split(':'))
        {
            if (group.Length > 4)
            {
                return false;
            }
        }

        return IPAddress.TryParse(value, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    private static bool IsEmail(string value, bool international)
    {
        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1)
        {
            return false;
        }

        var local = value[..at];
        var domain = value[(at + 1)..];
        if (!IsLocalPart(local, international))
        {
            return false;
        }

        if (domain.StartsWith('[') && domain.EndsWith(']'))
        {
            var literal = domain[1..^1];
            return literal.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase) ? IsIPv6(literal[5..]) : IsIPv4(literal);
        }

        // An internationalised domain is compared in its normalised (NFC) form, as IDNA processing does.
        return international ? Idna.IsIdnHostname(domain.Normalize(System.Text.NormalizationForm.FormC)) : Idna.IsHostname(domain);
    }

    private static bool IsLocalPart(string local, bool international)
    {
        if (local.Length >= 2 && local[0] == '"' && local[^1] == '"')
        {
            for (var i = 1; i < local.Length - 1; i++)
            {
                var c = local[i];
                if (c == '\\')
                {
                    i++;
                    continue;
                }

                if (c == '"' || c < 0x20 || c == 0x7F || (!international && c > 0x7E))
                {
                    return false;
                }
            }

            return true;
        }

        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            var atext = char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".Contains(c, StringComparison.Ordinal) || (international && c > 0x7F);
            if (!atext)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsJsonPointer(string value) => JsonPointer.Parse(value) is not null;

    private static bool IsRelativeJsonPointer(string value)
    {
        var digits = 0;
        while (digits < value.Length && char.IsAsciiDigit(value[digits]))
        {
            digits++;
        }

        if (digits == 0 || (digits > 1 && value[0] == '0'))
        {
            return false;
        }

        var rest = value[digits..];
        if (rest.StartsWith('+') || rest.StartsWith('-'))
        {
            var sign = 1;
            while (sign < rest.Length && char.IsAsciiDigit(rest[sign]))
            {
                sign++;
            }

            if (sign == 1 || (sign > 2 && rest[1] == '0'))
            {
                return false;
            }

            rest = rest[sign..];
        }

        return rest == "#" || IsJsonPointer(rest);
    }

    private static bool IsUriTemplate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '{')
            {
                var close = value.IndexOf('}', i + 1);
                if (close < 0 || !IsTemplateExpression(value[(i + 1)..close]))
                {
                    return false;
                }

                i = close;
            }
            else if (c == '}' || c <= 0x20 || c == 0x7F || c is '"' or '<' or '>' or '\\' or '^' or '`' or '|')
            {
                return false;
            }
            else if (c == '%' && !(i + 2 < value.Length && char.IsAsciiHexDigit(value[i + 1]) && char.IsAsciiHexDigit(value[i + 2])))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTemplateExpression(string expression)
    {
        if (expression.Length == 0)
        {
            return false;
        }

        if ("+#./;?&=,!@|".Contains(expression[0], StringComparison.Ordinal))
        {
            expression = expression[1..];
        }

        foreach (var spec in expression.Split(','))
        {
            var name = spec;
            if (name.EndsWith('*'))
            {
                name = name[..^1];
            }
            else
            {
                var colon = name.IndexOf(':', StringComparison.Ordinal);
                if (colon >= 0)
                {
                    var length = name[(colon + 1)..];
                    if (length.Length is 0 or > 4 || length[0] == '0' || !length.All(char.IsAsciiDigit))
                    {
                        return false;
                    }

                    name = name[..colon];
                }
            }

            if (name.Length == 0 || name.StartsWith('.') || name.EndsWith('.') || name.Contains("..", StringComparison.Ordinal))
            {
                return false;
            }

            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (c == '%')
                {
                    if (!(i + 2 < name.Length && char.IsAsciiHexDigit(name[i + 1]) && char.IsAsciiHexDigit(name[i + 2])))
                    {
                        return false;
                    }

                    i += 2;
                }
                else if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
