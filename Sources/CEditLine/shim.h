#ifndef ASSAY_CEDITLINE_SHIM_H
#define ASSAY_CEDITLINE_SHIM_H

// libedit's el_set, el_get and history are C-variadic, which Swift cannot call. Each use the shell
// makes is wrapped here in a fixed-argument function. The C standard streams are global variables
// that Swift 6 refuses to read from nonisolated code, so they get accessors too.

#include <stdio.h>
#include <histedit.h>

typedef char *(*assay_prompt_function)(EditLine *);
typedef unsigned char (*assay_editor_function)(EditLine *, int);
typedef int (*assay_read_function)(EditLine *, wchar_t *);

static inline FILE *assay_stdin(void) { return stdin; }
static inline FILE *assay_stdout(void) { return stdout; }
static inline FILE *assay_stderr(void) { return stderr; }

// MARK: Editor settings

static inline int assay_el_set_prompt(EditLine *el, assay_prompt_function prompt, char literal) {
    return el_set(el, EL_PROMPT_ESC, prompt, literal);
}

static inline int assay_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

static inline int assay_el_set_signal_handling(EditLine *el, int enabled) {
    return el_set(el, EL_SIGNAL, enabled);
}

static inline int assay_el_set_history(EditLine *el, History *list) {
    return el_set(el, EL_HIST, history, list);
}

static inline int assay_el_set_client_data(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *assay_el_get_client_data(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

static inline int assay_el_set_read_function(EditLine *el, assay_read_function function) {
    return el_set(el, EL_GETCFN, function);
}

static inline int assay_el_add_function(EditLine *el, const char *name, const char *help, assay_editor_function function) {
    return el_set(el, EL_ADDFN, name, help, function);
}

static inline int assay_el_bind(EditLine *el, const char *keys, const char *command) {
    return el_set(el, EL_BIND, keys, command, (const char *)NULL);
}

static inline int assay_el_prepare_terminal(EditLine *el, int raw) {
    return el_set(el, EL_PREP_TERM, raw);
}

static inline int assay_el_refresh(EditLine *el) {
    return el_set(el, EL_REFRESH);
}

static inline FILE *assay_el_get_output(EditLine *el) {
    FILE *file = NULL;
    if (el_get(el, EL_GETFP, 1, &file) != 0) return NULL;
    return file;
}

static inline int assay_el_get_columns(EditLine *el) {
    int columns = 0;
    if (el_get(el, EL_GETTC, "co", &columns) != 0) return 0;
    return columns;
}

// MARK: History

static inline int assay_history_set_size(History *list, int size) {
    HistEvent event;
    return history(list, &event, H_SETSIZE, size);
}

static inline int assay_history_set_unique(History *list, int unique) {
    HistEvent event;
    return history(list, &event, H_SETUNIQUE, unique);
}

static inline int assay_history_enter(History *list, const char *line) {
    HistEvent event;
    return history(list, &event, H_ENTER, line);
}

static inline int assay_history_load(History *list, const char *path) {
    HistEvent event;
    return history(list, &event, H_LOAD, path);
}

static inline int assay_history_save(History *list, const char *path) {
    HistEvent event;
    return history(list, &event, H_SAVE, path);
}

#endif
