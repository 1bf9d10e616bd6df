using System.Text;
using System.Text.Json;

namespace Vr.Standaarden.Schema.Input;

/// <summary>
/// Finds the first member name that an object of a JSON document holds twice, comparing names after unescaping
/// (<c>"niveau"</c> and <c>"niv\u0065au"</c> are one name). Readers disagree on which of two such members counts (the
/// first, the last, or an error), so a document that has them means different things to different systems: RFC 8259
/// section 4 and I-JSON (RFC 7493) make names unique, and so does the standard.
/// </summary>
/// <remarks>
/// One pass with <see cref="Utf8JsonReader"/>; a scanner is reused per thread, so a document without duplicates costs no
/// allocation. Names of small objects are compared by hash and bytes in place; an object with more than
/// <see cref="SetThreshold"/> members moves to a hash set, so a hostile object with a million members stays linear.
/// </remarks>
internal sealed class DuplicateMembers
{
    private const int SetThreshold = 32;

    [ThreadStatic]
    private static DuplicateMembers? t_cached;

    private Frame[] _frames = new Frame[16];
    private Name[] _names = new Name[64];
    private byte[] _scratch = new byte[256];
    private int _depth;
    private int _nameCount;
    private int _scratchLength;

    /// <summary>The first duplicated member of <paramref name="document"/> (after any byte order mark), or <c>null</c>.</summary>
    /// <exception cref="JsonException">The document is not JSON, or nests deeper than <paramref name="maxDepth"/>.</exception>
    public static InputProblem? Find(ReadOnlySpan<byte> document, int maxDepth)
    {
        var scanner = t_cached ?? new DuplicateMembers();
        t_cached = null;
        try
        {
            return scanner.Scan(document, maxDepth);
        }
        finally
        {
            scanner.Reset();
            t_cached = scanner;
        }
    }

    private void Reset()
    {
        for (var i = 0; i < _depth; i++)
        {
            _frames[i].Large = null;
        }

        _depth = _nameCount = _scratchLength = 0;
    }

    private InputProblem? Scan(ReadOnlySpan<byte> document, int maxDepth)
    {
        var bom = document.Length - JsonInput.SkipByteOrderMark(document).Length;
        var json = document[bom..];
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    NextItem();
                    Push(isObject: true);
                    break;
                case JsonTokenType.StartArray:
                    NextItem();
                    Push(isObject: false);
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    Pop();
                    break;
                case JsonTokenType.PropertyName:
                    if (AddName(ref reader, json))
                    {
                        return Problem(document, json, bom + reader.TokenStartIndex);
                    }

                    break;
                default:
                    NextItem();
                    break;
            }
        }

        return null;
    }

    /// <summary>Counts a value inside an array (for the pointer); a value after a member name needs nothing.</summary>
    private void NextItem()
    {
        if (_depth > 0 && !_frames[_depth - 1].IsObject)
        {
            _frames[_depth - 1].Index++;
        }
    }

    private void Push(bool isObject)
    {
        if (_depth == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        _frames[_depth++] = new Frame { IsObject = isObject, FirstName = _nameCount, ScratchStart = _scratchLength, Index = -1 };
    }

    private void Pop()
    {
        ref var frame = ref _frames[--_depth];
        _nameCount = frame.FirstName;
        _scratchLength = frame.ScratchStart;
        frame.Large = null;
    }

    /// <summary>Adds the name the reader is on to its object; <c>true</c> when the object had it already.</summary>
    private bool AddName(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        ref var frame = ref _frames[_depth - 1];
        if (frame.Large is not null)
        {
            // A large object keeps only its current name in place (for the pointer); the set remembers the rest.
            _nameCount = frame.FirstName;
            _scratchLength = frame.ScratchStart;
        }

        var name = Store(ref reader);
        var bytes = Bytes(name, json);
        if (frame.Large is { } set)
        {
            return !set.Add(Encoding.UTF8.GetString(bytes));
        }

        for (var i = frame.FirstName; i < _nameCount - 1; i++)
        {
            if (_names[i].Hash == name.Hash && Bytes(_names[i], json).SequenceEqual(bytes))
            {
                return true;
            }
        }

        if (_nameCount - frame.FirstName > SetThreshold)
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            for (var i = frame.FirstName; i < _nameCount; i++)
            {
                set.Add(Encoding.UTF8.GetString(Bytes(_names[i], json)));
            }

            var current = _names[_nameCount - 1];
            (_nameCount, _scratchLength) = (frame.FirstName, frame.ScratchStart);
            frame.Large = set;
            Store(current, json);
        }

        return false;
    }

    /// <summary>Stores the name the reader is on: in place when it has no escapes, else unescaped into the scratch buffer.</summary>
    private Name Store(ref Utf8JsonReader reader)
    {
        Name name;
        if (!reader.ValueIsEscaped)
        {
            name = new Name { Start = (int)reader.TokenStartIndex + 1, Length = reader.ValueSpan.Length };
        }
        else
        {
            Reserve(reader.ValueSpan.Length);
            var length = reader.CopyString(_scratch.AsSpan(_scratchLength));
            name = new Name { Start = _scratchLength, Length = length, InScratch = true };
            _scratchLength += length;
        }

        return Add(name, name.InScratch ? _scratch.AsSpan(name.Start, name.Length) : reader.ValueSpan);
    }

    /// <summary>Stores a name already read (when an object moves to its set).</summary>
    private void Store(Name name, ReadOnlySpan<byte> json)
    {
        if (name.InScratch)
        {
            // The scratch was rewound to the frame's start, where this name's bytes (the frame's last) are copied back.
            var bytes = _scratch.AsSpan(name.Start, name.Length).ToArray();
            bytes.CopyTo(_scratch.AsSpan(_scratchLength));
            name.Start = _scratchLength;
            _scratchLength += bytes.Length;
        }

        Add(name, Bytes(name, json));
    }

    private Name Add(Name name, ReadOnlySpan<byte> bytes)
    {
        var hash = new HashCode();
        hash.AddBytes(bytes);
        name.Hash = hash.ToHashCode();
        if (_nameCount == _names.Length)
        {
            Array.Resize(ref _names, _names.Length * 2);
        }

        _names[_nameCount++] = name;
        return name;
    }

    private void Reserve(int length)
    {
        if (_scratchLength + length > _scratch.Length)
        {
            Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchLength + length));
        }
    }

    private ReadOnlySpan<byte> Bytes(Name name, ReadOnlySpan<byte> json) =>
        name.InScratch ? _scratch.AsSpan(name.Start, name.Length) : json.Slice(name.Start, name.Length);

    private InputProblem Problem(ReadOnlySpan<byte> document, ReadOnlySpan<byte> json, long offset)
    {
        var pointer = new StringBuilder();
        for (var d = 0; d < _depth; d++)
        {
            pointer.Append('/');
            if (_frames[d].IsObject)
            {
                var current = d + 1 < _depth ? _frames[d + 1].FirstName - 1 : _nameCount - 1;
                pointer.Append(Encoding.UTF8.GetString(Bytes(_names[current], json)).Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
            }
            else
            {
                pointer.Append(_frames[d].Index);
            }
        }

        var name = Encoding.UTF8.GetString(Bytes(_names[_nameCount - 1], json));
        var (line, column) = JsonInput.Position(document, offset);
        var at = pointer.ToString();
        var where = $"line {line}, column {column} (byte {offset})";
        var waar = $"regel {line}, kolom {column} (byte {offset})";
        return new InputProblem(InputProblemKind.DuplicateMember, offset, line, column, new LocalizedText(
            $"Duplicate member name '{name}' at {where} ({at}): the object has a member of that name already, and readers differ on which one counts; every member name of an object must be unique.",
            $"Dubbele naam '{name}' op {waar} ({at}): het object heeft al een lid met die naam, en lezers verschillen in welke telt; elke naam in een object moet uniek zijn."))
        {
            InstanceLocation = at,
        };
    }

    private struct Frame
    {
        public bool IsObject;
        public int FirstName;
        public int ScratchStart;
        public int Index;
        public HashSet<string>? Large;
    }

    private struct Name
    {
        public int Start;
        public int Length;
        public bool InScratch;
        public int Hash;
    }
}
