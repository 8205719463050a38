-- Headless Neovim end-to-end test of editors/nvim against a policy-lsp binary.
-- Driven by run.sh; expectations come from tests/e2e/fixtures/expect.json.
-- Result JSON goes to $E2E_RESULT; exit 0 = pass, 1 = an assertion failed,
-- 2 = the server did not start/initialize, 3 = watchdog.
-- E2E_NVIM_INIT says which user config run.sh loaded: `setup` (init.lua:
-- require('policy_lsp').setup(), any Neovim) or `native` (init-native.lua: the 0.11+
-- vim.lsp.config/vim.lsp.enable of lsp/policy_lsp.lua, no plugin code).
-- Newer APIs where they exist (no deprecation warnings on 0.11+), the old ones on 0.7.
local uv = vim.uv or vim.loop
local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients
local has_0_11 = vim.fn.has('nvim-0.11') == 1
local mode = os.getenv('E2E_NVIM_INIT') or 'setup'
local t0 = uv.hrtime()
local function ms()
  return math.floor((uv.hrtime() - t0) / 1e6)
end

-- Client methods: `client:request_sync(...)` on 0.11+ (the `client.request_sync(...)` form
-- is deprecated there); a plain function field on 0.7.
local function request_sync(client, method, params, timeout, bufnr)
  if has_0_11 then
    return client:request_sync(method, params, timeout, bufnr)
  end
  return client.request_sync(method, params, timeout, bufnr)
end

local expect = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('E2E_EXPECT')), '\n'))
local ws = os.getenv('E2E_WS_ROOT') -- a temporary copy of fixtures/ (the quick fix edits the file)
local result_path = os.getenv('E2E_RESULT')
local T = expect.timeouts_ms or {}
local result = {
  ok = false,
  nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch,
  init = mode,
  api = nil,
  checks = {},
  timings_ms = {},
  errors = {},
}

local function write_result()
  result.timings_ms.total = ms()
  local f = io.open(result_path, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
end

local function finish(code)
  write_result()
  for _, c in pairs(get_clients()) do
    vim.lsp.stop_client(c.id)
  end
  vim.wait(2000, function()
    return #get_clients() == 0
  end, 20)
  if code == 0 then
    vim.cmd('qa!')
  else
    vim.cmd('cquit ' .. code)
  end
end

-- Watchdog: a hung server or request must never hang CI.
local watchdog = uv.new_timer()
watchdog:start(T.nvim_total or 60000, 0, vim.schedule_wrap(function()
  table.insert(result.errors, 'watchdog fired after ' .. ms() .. ' ms')
  finish(3)
end))

local failed = false
local function check(name, ok, detail)
  table.insert(result.checks, { name = name, ok = ok and true or false, detail = detail })
  if not ok then
    failed = true
    table.insert(result.errors, name .. ': ' .. vim.inspect(detail))
  end
  return ok
end

local function fatal(code, msg)
  table.insert(result.errors, msg)
  finish(code)
end

-- Keep the raw LSP diagnostics (for codeAction context); Neovim still handles them.
local raw = {}
local orig = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, res, ctx, config)
  if res and res.uri then
    raw[vim.uri_to_fname(res.uri)] = res.diagnostics
  end
  return orig(err, res, ctx, config)
end

local function clients_of(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr, name = 'policy_lsp' })
  end
  return vim.tbl_values(vim.lsp.buf_get_clients(bufnr)) -- 0.7-0.9
end

local function same_dir(a, b)
  local norm = function(p)
    return p and vim.fn.resolve(vim.fn.fnamemodify(p, ':p')):gsub('/$', '') or ''
  end
  return norm(a) == norm(b)
end

local function sev_name(s)
  for name, v in pairs(vim.diagnostic.severity) do
    if v == s and type(name) == 'string' and #name > 1 then
      return name
    end
  end
  return tostring(s)
end

local function text_of(contents)
  if type(contents) == 'string' then
    return contents
  end
  if type(contents) ~= 'table' then
    return ''
  end
  if contents.value then
    return contents.value
  end
  local parts = {}
  for _, c in ipairs(contents) do
    parts[#parts + 1] = text_of(c)
  end
  return table.concat(parts, '\n')
end

local function first_result(responses)
  for _, r in pairs(responses or {}) do
    if r.result ~= nil and r.result ~= vim.NIL then
      return r.result
    end
  end
  return nil
end

local function diag_code(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function find_diag(bufnr, code, line)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if tostring(diag_code(d)) == code and d.lnum == line then
      return d
    end
  end
  return nil
end

local function range_of(r)
  return { r.start.line, r.start.character, r['end'].line, r['end'].character }
end

local function same_range(r, want)
  local got = range_of(r)
  for i = 1, 4 do
    if got[i] ~= want[i] then
      return false
    end
  end
  return true
end

local function line_of(bufnr, line)
  return vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1] or ''
end

-- "resource > policy > statement" paths of a DocumentSymbol tree.
local function outline(symbols, prefix, acc)
  acc = acc or {}
  for _, s in ipairs(symbols or {}) do
    local path = prefix and (prefix .. ' > ' .. s.name) or s.name
    acc[#acc + 1] = path
    outline(s.children, path, acc)
  end
  return acc
end

-- The checks of one host file (expect.hosts[i]); results under result.hosts[h.name].
local function check_host(h)
  local name = h.name
  local r = { checks = {} }
  result.hosts = result.hosts or {}
  result.hosts[name] = r
  local function hcheck(what, ok, detail)
    return check(name .. ': ' .. what, ok, detail)
  end
  local file = ws .. '/' .. h.file
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local fname = vim.api.nvim_buf_get_name(bufnr)
  hcheck('filetype is ' .. h.nvim_filetype, vim.bo[bufnr].filetype == h.nvim_filetype, vim.bo[bufnr].filetype)
  local plugin = mode == 'setup' and require('policy_lsp') or nil
  if plugin then
    hcheck('host file detected', plugin.is_policy_buffer(bufnr), h.file)
  end
  local client
  local attached = vim.wait(T.initialize or 15000, function()
    client = clients_of(bufnr)[1]
    return client ~= nil and client.initialized == true
  end, 10)
  if not hcheck('server attached', attached, h.file) then
    return
  end
  -- The language id didOpen carried (the config's get_language_id, as the client calls it).
  local lang = client.config.get_language_id and client.config.get_language_id(bufnr, vim.bo[bufnr].filetype)
  r.language_id = lang
  hcheck('languageId ' .. h.language_id, lang == h.language_id, lang)
  local uri = vim.uri_from_bufnr(bufnr)
  local function pos_params(line, character)
    return { textDocument = { uri = uri }, position = { line = line, character = character } }
  end

  -- Diagnostic at the exact host range (the action's bytes, no quotes).
  local d = h.diagnostic
  local function find_raw()
    for _, x in ipairs(raw[fname] or {}) do
      if tostring(x.code) == d.code and x.range.start.line == d.range[1] then
        return x
      end
    end
  end
  vim.wait(T.diagnostics or 15000, function()
    return find_raw() ~= nil and find_diag(bufnr, d.code, d.range[1]) ~= nil
  end, 10)
  local got = find_raw()
  r.diagnostics = {}
  for _, x in ipairs(raw[fname] or {}) do
    r.diagnostics[#r.diagnostics + 1] = { code = x.code, range = range_of(x.range), message = x.message }
  end
  hcheck('diagnostic ' .. d.code .. ' at ' .. vim.inspect(d.range), got ~= nil and same_range(got.range, d.range), r.diagnostics)
  hcheck('diagnostic in vim.diagnostic', find_diag(bufnr, d.code, d.range[1]) ~= nil, vim.diagnostic.get(bufnr))
  if got and d.message_contains then
    hcheck('diagnostic message mentions ' .. d.message_contains, got.message:find(d.message_contains, 1, true) ~= nil, got.message)
  end

  -- Hover on a condition key.
  local resp, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', pos_params(h.hover.line, h.hover.character), T.request or 10000)
  local hr = first_result(resp)
  local text = hr and text_of(hr.contents) or ''
  r.hover = text
  local ok = text ~= ''
  for _, s in ipairs(h.hover.contains or {}) do
    ok = ok and text:find(s, 1, true) ~= nil
  end
  hcheck('hover ' .. h.hover.name, ok, { expected = h.hover.contains, got = text, err = err })

  -- Document symbols: resource > policy > statement.
  if h.symbols then
    resp, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/documentSymbol', { textDocument = { uri = uri } }, T.request or 10000)
    local paths = outline(first_result(resp) or {})
    r.symbols = paths
    for _, want in ipairs(h.symbols) do
      hcheck('symbol ' .. want, vim.tbl_contains(paths, want), { got = paths, err = err })
    end
  end

  -- Quick fix (did you mean) for the diagnostic, applied; the diagnostic goes away.
  local a = h.code_action
  if got then
    resp, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = uri },
      range = got.range,
      context = { diagnostics = { got }, only = a.kind and { a.kind } or nil },
    }, T.request or 10000)
    local chosen
    r.code_actions = {}
    for _, act in ipairs(first_result(resp) or {}) do
      r.code_actions[#r.code_actions + 1] = act.title
      if not chosen and act.title:find(a.title_contains, 1, true) then
        chosen = act
      end
    end
    if hcheck('quickfix offered', chosen ~= nil and chosen.edit ~= nil, { got = r.code_actions, err = err }) then
      vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
      local line = line_of(bufnr, d.range[1])
      hcheck('quickfix wrote ' .. a.after_line, line == a.after_line, line)
      local gone = vim.wait(T.after_fix or 15000, function()
        return find_diag(bufnr, d.code, d.range[1]) == nil
      end, 10)
      hcheck('diagnostic ' .. d.code .. ' gone after quickfix', gone, vim.diagnostic.get(bufnr))
    end
  end

  -- Completion of the condition key being typed: the item's edit replaces the typed prefix.
  local c = h.completion
  local params = pos_params(c.line, c.character)
  params.context = { triggerKind = 1 }
  resp, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', params, T.request or 10000)
  local cr = first_result(resp)
  local item
  local labels = {}
  for _, it in ipairs(cr and (cr.items or cr) or {}) do
    labels[#labels + 1] = it.label
    if it.label == c.label then
      item = it
    end
  end
  r.completion = vim.list_slice(labels, 1, 20)
  if hcheck('completion offers ' .. c.label, item ~= nil, { got = r.completion, err = err }) then
    local te = item.textEdit
    local range = te and (te.range or te.replace)
    hcheck('completion edit range ' .. vim.inspect(c.range), range ~= nil and same_range(range, c.range), te)
    if range then
      vim.lsp.util.apply_text_edits({ { range = range, newText = te.newText } }, bufnr, client.offset_encoding or 'utf-16')
      local line = line_of(bufnr, c.line)
      hcheck('completion wrote ' .. c.after_line, line == c.after_line, line)
    end
  end
end

local function main()
  -- setup(): the plugin decides which buffers are policies. native: no plugin code runs;
  -- lsp/policy_lsp.lua attaches to every JSON buffer and the server ignores non-policies.
  local plugin = mode == 'setup' and require('policy_lsp') or nil
  result.api = plugin and plugin.api or 'vim.lsp.enable (lsp/policy_lsp.lua)'
  local ws_dir = vim.fn.fnamemodify(ws .. '/' .. expect.file, ':h')

  -- 1. The unrelated JSON file is not treated as a policy.
  local ub
  if expect.unrelated_file then
    vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/' .. expect.unrelated_file))
    ub = vim.api.nvim_get_current_buf()
    if plugin then
      check('unrelated json not detected as policy', not plugin.is_policy_buffer(ub), expect.unrelated_file)
    end
  end

  -- 2. Open the policy: a FileType autocmd (the plugin's, or vim.lsp.enable's for the
  -- filetypes of lsp/policy_lsp.lua) must attach the server.
  local file = ws .. '/' .. expect.file
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  check('filetype is json', vim.bo[bufnr].filetype == 'json', vim.bo[bufnr].filetype)
  if plugin then
    check('policy detected', plugin.is_policy_buffer(bufnr), expect.file)
  end
  local client
  local attached = vim.wait(T.initialize or 15000, function()
    client = clients_of(bufnr)[1]
    return client ~= nil and client.initialized == true
  end, 10)
  if not attached then
    return fatal(2, 'server did not start/initialize for ' .. file .. ' (client ' .. tostring(client ~= nil) .. ')')
  end
  result.timings_ms.initialized = ms()
  result.server_info = client.server_info or (client.initialize_result and client.initialize_result.serverInfo)
  -- The root markers (policy-lsp.toml in the fixture workspace) chose the root.
  result.root_dir = client.config.root_dir
  check('client policy_lsp rooted at the workspace (root markers)', client.name == 'policy_lsp' and same_dir(client.config.root_dir, ws_dir),
    { name = client.name, root_dir = client.config.root_dir, want = ws_dir })
  if mode == 'native' then
    -- lsp/policy_lsp.lua's own command, found on PATH (run.sh puts the server there).
    check('cmd from lsp/policy_lsp.lua', type(client.config.cmd) == 'table' and client.config.cmd[1] == 'policy-lsp', client.config.cmd)
  end
  local uri = vim.uri_from_bufnr(bufnr)
  local fname = vim.api.nvim_buf_get_name(bufnr)

  -- 3. Diagnostics, as Neovim's own diagnostic layer holds them.
  local got = vim.wait(T.diagnostics or 15000, function()
    for _, e in ipairs(expect.diagnostics) do
      if not find_diag(bufnr, e.code, e.line) then
        return false
      end
    end
    return true
  end, 10)
  result.timings_ms.diagnostics = ms()
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { line = d.lnum, col = d.col, code = diag_code(d), severity = d.severity, message = d.message })
  end
  for _, e in ipairs(expect.diagnostics) do
    local d = find_diag(bufnr, e.code, e.line)
    check('diagnostic ' .. e.code .. ' on line ' .. e.line, got and d ~= nil, result.diagnostics)
    if d and e.message_contains then
      check('diagnostic message mentions ' .. e.message_contains, d.message:find(e.message_contains, 1, true) ~= nil, d.message)
    end
  end

  -- The severity overrides of the user's config reached the server (native:
  -- init-native.lua's vim.lsp.config settings, sent with workspace/didChangeConfiguration).
  for code, want in pairs((expect.nvim_severity or {})[mode] or {}) do
    local line
    for _, e in ipairs(expect.diagnostics) do
      if e.code == code then
        line = e.line
      end
    end
    local wanted = ({ error = 1, warning = 2, info = 3, information = 3, hint = 4 })[want]
    local ok = vim.wait(T.diagnostics or 15000, function()
      local d = find_diag(bufnr, code, line)
      return d ~= nil and d.severity == wanted
    end, 10)
    local d = find_diag(bufnr, code, line)
    check('settings: ' .. code .. ' reported as ' .. want, ok, d and sev_name(d.severity) or 'no diagnostic')
  end

  -- Native: the unrelated JSON file is attached too, and the server reports nothing for it.
  if ub and not plugin then
    local uname = vim.api.nvim_buf_get_name(ub)
    vim.wait(T.diagnostics or 15000, function()
      return raw[uname] ~= nil
    end, 10)
    check('unrelated json: no diagnostics', #vim.diagnostic.get(ub) == 0, vim.diagnostic.get(ub))
  end

  local function pos_params(line, character)
    return { textDocument = { uri = uri }, position = { line = line, character = character } }
  end

  -- 4. Hovers.
  result.hover = {}
  for _, h in ipairs(expect.hover) do
    local resp, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', pos_params(h.line, h.character), T.request or 10000)
    local r = first_result(resp)
    local text = r and text_of(r.contents) or ''
    result.hover[h.name] = text
    local ok = text ~= ''
    for _, s in ipairs(h.contains or {}) do
      ok = ok and text:find(s, 1, true) ~= nil
    end
    check('hover ' .. h.name, ok, { expected = h.contains, got = text, err = err })
  end
  result.timings_ms.hover = ms()

  -- 5. Completion inside the Condition block.
  local c = expect.completion
  local params = pos_params(c.line, c.character)
  params.context = { triggerKind = 1 }
  local resp, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', params, T.request or 10000)
  local r = first_result(resp)
  local items = r and (r.items or r) or {}
  local labels = {}
  for _, it in ipairs(items) do
    labels[#labels + 1] = it.label
  end
  result.completion = labels
  local any = false
  for _, want in ipairs(c.contains_any or {}) do
    any = any or vim.tbl_contains(labels, want)
  end
  check('completion ' .. (c.name or ''), any, { expected_any = c.contains_any, got = labels, err = err })
  result.timings_ms.completion = ms()

  -- 6. Code action for the diagnostic; apply the first matching quickfix.
  local a = expect.code_action
  local lsp_diags = {}
  for _, d in ipairs(raw[fname] or {}) do
    if tostring(d.code) == a.code and d.range.start.line == a.line then
      lsp_diags[#lsp_diags + 1] = d
    end
  end
  if not check('raw LSP diagnostic for code action', #lsp_diags > 0, raw[fname]) then
    return finish(1)
  end
  local ca_params = {
    textDocument = { uri = uri },
    range = lsp_diags[1].range,
    context = { diagnostics = lsp_diags, only = a.kind and { a.kind } or nil },
  }
  resp, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', ca_params, T.request or 10000)
  local actions = first_result(resp) or {}
  local chosen
  result.code_actions = {}
  for _, act in ipairs(actions) do
    result.code_actions[#result.code_actions + 1] = act.title
    local kind_ok = (a.kind == nil) or (act.kind and act.kind:sub(1, #a.kind) == a.kind)
    if not chosen and kind_ok and (not a.title_contains or act.title:find(a.title_contains, 1, true)) then
      chosen = act
    end
  end
  if not check('quickfix offered', chosen ~= nil, { got = result.code_actions, err = err }) then
    return finish(1)
  end
  result.applied = chosen.title
  if not chosen.edit and not chosen.command and client.server_capabilities
    and type(client.server_capabilities.codeActionProvider) == 'table'
    and client.server_capabilities.codeActionProvider.resolveProvider then
    local rr = request_sync(client, 'codeAction/resolve', chosen, T.request or 10000, bufnr)
    if rr and rr.result then
      chosen = rr.result
    end
  end
  if chosen.edit then
    vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
  end
  local cmd = chosen.command
  if type(cmd) == 'table' then
    request_sync(client, 'workspace/executeCommand', cmd, T.request or 10000, bufnr)
  end
  result.timings_ms.code_action_applied = ms()

  -- 7. The edit landed and the diagnostic goes away.
  local line_text = vim.api.nvim_buf_get_lines(bufnr, a.after.line, a.after.line + 1, false)[1] or ''
  check('quickfix edited line ' .. a.after.line, line_text:find(a.after.line_contains, 1, true) ~= nil, line_text)
  local gone = vim.wait(T.after_fix or 15000, function()
    return find_diag(bufnr, a.code, a.line) == nil
  end, 10)
  check('diagnostic ' .. a.code .. ' gone after quickfix', gone, vim.diagnostic.get(bufnr))
  result.timings_ms.after_fix = ms()

  -- 8. Policies inside host files (expect.hosts): a CloudFormation YAML template and a
  -- Terraform file. The same client attaches (filetype, language id), the typo is reported
  -- at its exact range in the host, hover and symbols work, the quick fix and the picked
  -- completion are written into the buffer in the host's syntax.
  for _, h in ipairs(expect.hosts or {}) do
    check_host(h)
  end
  -- YAML that is not a template: setup() does not attach; with vim.lsp.enable it is attached
  -- (a *.yml name) and the server publishes nothing for it.
  if expect.unrelated_yaml then
    vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/' .. expect.unrelated_yaml))
    local yb = vim.api.nvim_get_current_buf()
    local yname = vim.api.nvim_buf_get_name(yb)
    if plugin then
      check('unrelated yaml not attached', not plugin.is_policy_buffer(yb) and #clients_of(yb) == 0, expect.unrelated_yaml)
    else
      local got_diags = vim.wait(T.diagnostics or 15000, function()
        return raw[yname] ~= nil
      end, 10)
      check('unrelated yaml: attached, no diagnostics', got_diags and #raw[yname] == 0 and #vim.diagnostic.get(yb) == 0,
        { raw = raw[yname], diags = vim.diagnostic.get(yb) })
    end
  end

  -- 8. No deprecated API was used (deprecations.lua records every vim.deprecate call, the
  -- soft ones too), and nothing about deprecation reached :messages.
  local deprecated = {}
  for _, d in ipairs(_G.E2E_DEPRECATED or {}) do
    deprecated[#deprecated + 1] = d.name .. (d.alternative and (' -> ' .. d.alternative) or '') .. d.where
  end
  check('no deprecated API used', #deprecated == 0, deprecated)
  local messages = vim.fn.execute('messages')
  result.messages = messages
  check('no deprecation in :messages', not messages:lower():find('deprecat', 1, true), messages)

  result.ok = not failed
  finish(failed and 1 or 0)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  table.insert(result.errors, 'lua error: ' .. tostring(err))
  finish(1)
end
