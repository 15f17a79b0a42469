using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace RedisLite.Tests.Differential;

/// <summary>
/// One command of a differential sequence: the database it runs on, its redis-cli spelling, and how to run it on an
/// <see cref="IDataStore"/>, rendering the reply as redis-cli prints it so that two stores' replies compare as text.
/// </summary>
/// <param name="database">The database the command runs on (the sequence's script SELECTs it first).</param>
/// <param name="spelling">The command as typed into redis-cli.</param>
/// <param name="run">Runs the command on the view of <paramref name="database"/> and renders the reply.</param>
public sealed class DiffCommand(int database, string spelling, Func<IDataStore, string> run)
{
    /// <summary>Gets the database the command runs on.</summary>
    public int Database => database;

    /// <summary>Runs the command on <paramref name="store"/>'s view of <see cref="Database"/>.</summary>
    /// <param name="store">The store (any view).</param>
    /// <returns>The rendered reply.</returns>
    public string Run(IDataStore store) => run(store.GetDatabase(database));

    /// <summary>Returns the redis-cli spelling, for example <c>SET k0 "a b" PX 3600000 NX</c>.</summary>
    /// <returns>The spelling.</returns>
    public override string ToString() => spelling;
}

/// <summary>
/// A family of commands (strings, keys, later hashes, lists, ...) that contributes weighted generators to the
/// differential property. <see cref="CommandFamilies.All"/> finds new families by reflection.
/// </summary>
public interface ICommandFamily
{
    /// <summary>Gets the family's name, for reports.</summary>
    string Name { get; }

    /// <summary>Returns the family's command generators, each with its relative weight.</summary>
    /// <param name="space">The keys, databases and values sequences draw from.</param>
    /// <returns>The weighted generators.</returns>
    IEnumerable<(int Weight, Gen<DiffCommand> Generator)> Generators(KeySpace space);
}

/// <summary>The registry of command families the differential property draws from.</summary>
public static class CommandFamilies
{
    /// <summary>Gets every family in this assembly (every public, non-abstract <see cref="ICommandFamily"/> with a parameterless
    /// constructor), in name order, so a new family takes part just by existing.</summary>
    public static IReadOnlyList<ICommandFamily> All { get; } = typeof(ICommandFamily).Assembly.GetTypes()
        .Where(t => typeof(ICommandFamily).IsAssignableFrom(t) && t is { IsPublic: true, IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (ICommandFamily)Activator.CreateInstance(t)!)
        .OrderBy(f => f.Name, StringComparer.Ordinal)
        .ToArray();

    /// <summary>Builds one generator over the commands of <paramref name="families"/>, respecting their weights.</summary>
    /// <param name="space">The key space.</param>
    /// <param name="families">The families.</param>
    /// <returns>The generator.</returns>
    public static Gen<DiffCommand> Commands(KeySpace space, IEnumerable<ICommandFamily> families) =>
        Gen.Frequency(families.SelectMany(f => f.Generators(space)).ToArray());
}

/// <summary>
/// The small world a sequence lives in: a few keys (one of them binary, with zero bytes), two databases, and values
/// chosen to hit Redis's parsing edge cases (integers at the limits, floats, hex, whitespace, binary).
/// </summary>
public sealed class KeySpace
{
    /// <summary>The default space: 4 keys over databases 0 and 1.</summary>
    public static readonly KeySpace Default = new();

    private static readonly byte[][] KeyNames = [Utf8("k0"), Utf8("k1"), Utf8("key:2"), [(byte)'k', 0x00, 0xFE]];

    private static readonly byte[][] Texts =
    [
        Utf8(""), Utf8("a"), Utf8("hello"), Utf8("10"), Utf8("-3"), Utf8("0"), Utf8("01"), Utf8("1.5"), Utf8("10.5"), Utf8("5.0e3"),
        Utf8("9223372036854775807"), Utf8("-9223372036854775808"), Utf8("9223372036854775806"), Utf8("0x10"), Utf8("inf"), Utf8(" 7"),
        Utf8("1e400"), Utf8("+5"), Utf8(".5"), Utf8("5."), Utf8("-0"), Utf8("1e-400"), Utf8("-inf"), Utf8("infinity"), Utf8("1E3"),
        Utf8("123456789012345678"), Utf8("1.7976931348623157e308"), Utf8("4.9e-324"), Utf8("h\u00e9"), [0x00, 0xFF, (byte)'1'],
        Utf8("ohmytext"), Utf8("mynewtext"), Utf8("abcbdab"), Utf8("bdcaba"),
    ];

    /// <summary>Gets the keys.</summary>
    public IReadOnlyList<byte[]> Keys => KeyNames;

    /// <summary>Gets a generator of one of the keys.</summary>
    public Gen<byte[]> Key => Gen.Elements(KeyNames);

    /// <summary>Gets a generator of 1 to 3 keys (repeats allowed), or occasionally none (an argument error).</summary>
    public Gen<byte[][]> SomeKeys => Gen.Frequency(
        (1, Gen.Constant(Array.Empty<byte[]>())),
        (12, Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Key, n))));

    /// <summary>Gets a generator of database 0 (mostly) or 1.</summary>
    public Gen<int> Database => Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Constant(1)));

    /// <summary>Gets a generator of values, in the several forms a <see cref="RedisValue"/> can be built from.</summary>
    public Gen<Datum> Value =>
        from bytes in Gen.Elements(Texts)
        from form in Gen.Choose(0, 2)
        select new Datum(bytes, form);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>A value argument: its bytes, passed as a byte array, a string or (when canonical) a long.</summary>
/// <param name="Bytes">The bytes.</param>
/// <param name="Form">0 bytes, 1 string, 2 long when the bytes are a canonical integer.</param>
public sealed record Datum(byte[] Bytes, int Form)
{
    /// <summary>Gets the value as the store receives it.</summary>
    public RedisValue Value
    {
        get
        {
            var text = Encoding.UTF8.GetString(Bytes);
            return Form switch
            {
                1 when Encoding.UTF8.GetByteCount(text) == Bytes.Length && Encoding.UTF8.GetBytes(text).AsSpan().SequenceEqual(Bytes) => text,
                2 when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) &&
                       n.ToString(CultureInfo.InvariantCulture) == text => n,
                _ => Bytes,
            };
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Cli.Arg(Bytes);
}

/// <summary>redis-cli spellings of arguments and redis-cli-like renderings of replies.</summary>
public static class Cli
{
    /// <summary>An argument as typed into redis-cli: bare when it is plain, else double-quoted with <c>\xNN</c> escapes.</summary>
    /// <param name="bytes">The argument.</param>
    /// <returns>The spelling.</returns>
    public static string Arg(ReadOnlySpan<byte> bytes)
    {
        var plain = bytes.Length > 0;
        foreach (var b in bytes)
        {
            if (b is <= 0x20 or >= 0x7F or (byte)'"' or (byte)'\'' or (byte)'\\')
            {
                plain = false;
                break;
            }
        }

        return plain ? Encoding.ASCII.GetString(bytes) : Quote(bytes);
    }

    /// <summary>An argument built from text.</summary>
    /// <param name="text">The argument.</param>
    /// <returns>The spelling.</returns>
    public static string Arg(string text) => Arg(Encoding.UTF8.GetBytes(text));

    /// <summary>A number argument.</summary>
    /// <param name="number">The number.</param>
    /// <returns>The spelling.</returns>
    public static string Arg(long number) => number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Bytes in double quotes, as redis-cli prints a bulk string.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The quoted text.</returns>
    public static string Quote(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder("\"");
        foreach (var b in bytes)
        {
            switch (b)
            {
                case (byte)'"':
                    sb.Append("\\\"");
                    break;
                case (byte)'\\':
                    sb.Append("\\\\");
                    break;
                case >= 0x20 and < 0x7F:
                    sb.Append((char)b);
                    break;
                default:
                    sb.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>A bulk reply: quoted bytes, or <c>(nil)</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The rendering.</returns>
    public static string Bulk(RedisValue value) => value.IsNull ? "(nil)" : Quote(value.AsSpan());

    /// <summary>An integer reply.</summary>
    /// <param name="value">The integer.</param>
    /// <returns>The rendering.</returns>
    public static string Num(long value) => "(integer) " + value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A 0/1 integer reply.</summary>
    /// <param name="value">The flag.</param>
    /// <returns>The rendering.</returns>
    public static string Num(bool value) => Num(value ? 1 : 0);

    /// <summary>A double reply (INCRBYFLOAT), in round-trip form.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The rendering.</returns>
    public static string Real(double value) => "(double) " + value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An array of bulk replies.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The rendering.</returns>
    public static string Array(IEnumerable<RedisValue> values) => "[" + string.Join(", ", values.Select(Bulk)) + "]";

    /// <summary>Keys as a set: sorted and distinct, since KEYS and SCAN have no order.</summary>
    /// <param name="keys">The keys.</param>
    /// <returns>The rendering.</returns>
    public static string KeySet(IEnumerable<RedisKey> keys) =>
        "{" + string.Join(", ", keys.Select(k => Quote(k.AsMemory().Span)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) + "}";
}
