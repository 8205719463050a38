-- The Neovim config of the end-to-end test: exactly the setup that editors/nvim/README.md
-- tells users to write, with the plugin dir and server binary filled in by run.sh.
vim.opt.runtimepath:append(os.getenv('POLICY_LSP_NVIM_PLUGIN'))
require('policy_lsp').setup({ server_path = os.getenv('POLICY_LSP_SERVER') })
