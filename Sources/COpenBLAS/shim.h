// The CBLAS interface of OpenBLAS. The include directory comes from pkg-config
// (`openblas.pc`), so this resolves to OpenBLAS's own header on every layout.
#include <cblas.h>
