using System.Runtime.CompilerServices;

// Keys and numbers are encoded into stackalloc'd scratch buffers on every call; they are always written before
// they are read, so zeroing them first would be wasted work on the hottest paths.
[module: SkipLocalsInit]
