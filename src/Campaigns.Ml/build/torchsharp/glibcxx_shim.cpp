// Shim for libLibTorchSharp.so (TorchSharp-cpu 0.107.0) on hosts whose libstdc++ is older than
// GCC 13 (GLIBCXX_3.4.32), e.g. Debian 12. See TorchSharpGlibcxx.targets.
//
// GCC 13's <iostream> no longer constructs a static std::ios_base::Init in every translation unit;
// it references std::ios_base_library_init() (GLIBCXX_3.4.32) instead and relies on libstdc++ 13 to
// initialise std::cout & co. Older libstdc++ lacks that symbol, so we define it here and do the
// initialisation ourselves. The global below runs it when this library is loaded, i.e. before the
// constructors of libLibTorchSharp.so (which lists this shim as DT_NEEDED), because the symbol is
// only referenced, never called.
#include <ios>

namespace std {
__attribute__((visibility("default"))) void ios_base_library_init() { static ios_base::Init init; }
}

static const int glibcxx_shim_init = (std::ios_base_library_init(), 0);
