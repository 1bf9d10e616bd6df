using System.Text;
using System.Text.Json;

namespace Vr.Standaarden.Schema.Internal;

/// <summary>RFC 6901 JSON Pointer helpers.</summary>
internal static class JsonPointer
{
    public static string Escape(string token)
    {
        if (token.AsSpan().IndexOfAny('~', '/') < 0)
        {
            return token;
        }

        return token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }

    public static string Unescape(string token) =>
        token.Contains('~', StringComparison.Ordinal)
            ? token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)
            : token;

    public static string Append(string pointer, string token) => pointer + "/" + Escape(token);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Splits a pointer into unescaped tokens; <c>null</c> when it is not a valid pointer.</summary>
    public static string[]? Parse(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            return null;
        }

        var parts = pointer[1..].Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            for (var j = 0; j < part.Length; j++)
            {
                if (part[j] == '~' && (j + 1 >= part.Length || (part[j + 1] != '0' && part[j + 1] != '1')))
                {
                    return null;
                }
            }

            parts[i] = Unescape(part);
        }

        return parts;
    }

    public static bool TryNavigate(JsonElement root, IEnumerable<string> tokens, out JsonElement result)
    {
        result = root;
        foreach (var token in tokens)
        {
            if (result.ValueKind == JsonValueKind.Object)
            {
                if (!result.TryGetProperty(token, out result))
                {
                    return false;
                }
            }
            else if (result.ValueKind == JsonValueKind.Array)
            {
                if (!IsArrayIndex(token, out var index) || index >= result.GetArrayLength())
                {
                    return false;
                }

                result = result[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsArrayIndex(string token, out int index)
    {
        index = 0;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0'))
        {
            return false;
        }

        foreach (var c in token)
        {
            if (c is < '0' or > '9' || index > (int.MaxValue - 9) / 10)
            {
                return false;
            }

            index = (index * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>Decodes a URI fragment (percent-encoded) to the JSON Pointer it holds.</summary>
    public static string FromUriFragment(string fragment) => Uri.UnescapeDataString(fragment);

    /// <summary>Encodes a JSON Pointer for use as a URI fragment.</summary>
    public static string ToUriFragment(string pointer)
    {
        var builder = new StringBuilder(pointer.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in pointer.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || "/-._~!$&'()*+,;=:@".Contains((char)rune.Value, StringComparison.Ordinal)))
            {
                builder.Append((char)rune.Value);
            }
            else
            {
                var length = rune.EncodeToUtf8(bytes);
                for (var i = 0; i < length; i++)
                {
                    builder.Append('%').Append(bytes[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return builder.ToString();
    }
}
